using Kairos.Server.Hosting;

namespace Kairos.Server.Tests.Architecture;

/// <summary>
/// The server's namespaces form layers: endpoints call operations, operations use the access and approval models and
/// the core's ports, and Hosting composes everything. A cycle would let a change in one layer ripple back into itself.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Dictionary<string, HashSet<string>> Graph = NamespaceGraph.Of(typeof(KairosServer).Assembly, "Kairos.Server");

    [Fact]
    public void ServerNamespaces_HaveNoCycles()
    {
        var cycles = NamespaceGraph.Cycles(Graph);
        Assert.True(cycles.Count == 0, "namespace cycles in Kairos.Server: " + string.Join("; ", cycles.Select(c => string.Join(" <-> ", c)))
            + "\n" + string.Join("\n", Graph.OrderBy(g => g.Key).Select(g => $"{g.Key} -> {string.Join(", ", g.Value.Order())}")));
    }

    [Theory]
    [InlineData("Kairos.Server.Operations")]
    public void Operations_DoNotUseEndpointsOrHosting(string ns)
    {
        var uses = Graph.Where(g => g.Key == ns || g.Key.StartsWith(ns + ".", StringComparison.Ordinal)).SelectMany(g => g.Value);
        Assert.DoesNotContain(uses, u => u is "Kairos.Server.Api" or "Kairos.Server.Hosting" or "Kairos.Server.WebConsole");
    }

    [Fact]
    public void Operations_KnowNothingOfHttp()
    {
        var used = NamespaceGraph.ExternalNamespaces(typeof(KairosServer).Assembly, "Kairos.Server.Operations");
        Assert.DoesNotContain(used, u => u.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void NamespaceGraph_FindsAKnownCycle()
    {
        var graph = new Dictionary<string, HashSet<string>> { ["a"] = ["b"], ["b"] = ["c"], ["c"] = ["a"], ["d"] = ["a"] };
        Assert.Equal([["a", "b", "c"]], NamespaceGraph.Cycles(graph));
    }
}
