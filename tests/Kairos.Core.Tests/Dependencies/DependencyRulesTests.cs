using Kairos.Core.Dependencies;
using Kairos.Core.Jobs;
using Kairos.Definitions;

namespace Kairos.Core.Tests.Dependencies;

/// <summary>The check the server makes when one job is saved through the API: its upstreams exist, and it closes no cycle.</summary>
public sealed class DependencyRulesTests
{
    private static Job Job(string id, params string[] upstreams) =>
        new(id, null, new NoopAction(), TimeSpan.FromHours(1), RetryPolicy.None, OverlapPolicy.Forbid, MisfirePolicy.Default,
            After: upstreams.Select(u => Dependency.OnJob(u)).Append(Dependency.OnCondition("eod")).ToList());

    private static readonly Dictionary<string, IReadOnlyList<string>> Existing = new()
    {
        ["extract"] = [],
        ["post"] = ["extract"],
        ["report"] = ["post"],
    };

    [Fact]
    public void KnownUpstreams_NoCycle_NoErrors() => Assert.Empty(DependencyRules.Check(Job("publish", "report", "extract"), Existing));

    [Fact]
    public void AnUnknownUpstream_IsNamedAtItsEntry()
    {
        var error = Assert.Single(DependencyRules.Check(Job("publish", "report", "reprot"), Existing));
        Assert.Equal(("after[1].job", "no job named 'reprot': define it, or fix the name"), error);
    }

    [Fact]
    public void ChangingAJob_SoItWaitsForItsOwnDownstream_IsACycleThroughIt()
    {
        var error = Assert.Single(DependencyRules.Check(Job("extract", "report"), Existing));
        Assert.Equal("after", error.Field);
        Assert.EndsWith("extract → report → post → extract", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACycleAmongOtherJobs_IsNotThisJobsToAnswerFor()
    {
        var broken = new Dictionary<string, IReadOnlyList<string>>(Existing) { ["x"] = ["y"], ["y"] = ["x"] };
        Assert.Empty(DependencyRules.Check(Job("publish", "report"), broken));
    }
}
