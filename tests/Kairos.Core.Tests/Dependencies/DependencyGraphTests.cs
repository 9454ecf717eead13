using Kairos.Core.Dependencies;

namespace Kairos.Core.Tests.Dependencies;

public sealed class DependencyGraphTests
{
    private static Dictionary<string, IReadOnlyList<string>> Graph(params (string Job, string[] After)[] edges) =>
        edges.ToDictionary(e => e.Job, e => (IReadOnlyList<string>)e.After);

    [Fact]
    public void AChain_HasNoCycle()
    {
        Assert.Null(DependencyGraph.FindCycle(Graph(("settle", ["extract"]), ("report", ["settle", "extract"]), ("publish", ["report", "outside"]))));
    }

    [Fact]
    public void ACycle_IsNamedAlongItsPath()
    {
        var cycle = DependencyGraph.FindCycle(Graph(("a", ["b"]), ("b", ["c"]), ("c", ["a"]), ("d", ["a"])));
        Assert.Equal(["a", "b", "c", "a"], cycle);
    }

    [Fact]
    public void AJobAfterItself_IsACycle()
    {
        Assert.Equal(["a", "a"], DependencyGraph.FindCycle(Graph(("a", ["a"]))));
    }
}
