using Kairos.Core.Dependencies;
using Kairos.Core.Flows;
using Kairos.Core.Jobs;
using Kairos.Core.Runs;

namespace Kairos.Core.Tests.Flows;

/// <summary>Rerun from a step: exactly that step and the steps downstream of it, for one business date.</summary>
public sealed class FlowRerunPlanTests
{
    private static readonly DateOnly Date = new(2026, 11, 30);
    private static readonly DateTimeOffset At = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    // extract → settle → report, and extract → archive (a branch settle does not lead to); fx → settle.
    private static readonly Flow Eod = Flow.From(
    [
        Step("extract", 0), Step("fx", 1), Step("settle", 2, "extract", "fx"), Step("report", 3, "settle"), Step("archive", 4, "extract"),
    ]).Single();

    private static Job Step(string id, int order, params string[] after) =>
        Jobs.Step(id, new FlowPart("eod", FlowFailurePolicy.Stop, Order: order), after);

    private static Dictionary<string, Run> Latest(params (string Job, long Id, RunState State)[] runs) =>
        runs.ToDictionary(r => r.Job, r => new Run(r.Id, r.Job, null, TriggerKind.Dependency, Date, r.State, 1, At, At));

    [Fact]
    public void FromAStep_ReranItAndEveryEndedStepDownstream_NotTheOtherBranch()
    {
        var latest = Latest(("extract", 1, RunState.Succeeded), ("fx", 2, RunState.Succeeded), ("settle", 3, RunState.Succeeded), ("report", 4, RunState.Failed), ("archive", 5, RunState.Succeeded));
        var (runs, busy) = FlowRerunPlan.Make(Eod, Date, "settle", latest, At, "kim", "rerun from settle");
        Assert.Null(busy);
        Assert.Equal([("settle", RunState.Queued, 3L), ("report", RunState.Waiting, 4L)], runs.Select(r => (r.JobId, r.State, r.RerunOf!.Value)));
        Assert.All(runs, r => Assert.Equal((Date, TriggerKind.Manual, "kim"), (r.BusinessDate!.Value, r.Trigger, r.RequestedBy!)));
    }

    [Fact]
    public void ADownstreamStepStillWaiting_KeepsItsRun_AndOneNeverRunGetsNone()
    {
        var latest = Latest(("extract", 1, RunState.Succeeded), ("fx", 2, RunState.Succeeded), ("settle", 3, RunState.Failed), ("report", 4, RunState.Waiting));
        var (runs, busy) = FlowRerunPlan.Make(Eod, Date, "extract", latest, At, "kim", "again");
        Assert.Null(busy);
        Assert.Equal(["extract", "settle"], runs.Select(r => r.JobId)); // report waits on; archive gets its run from the dependency pass
    }

    [Theory]
    [InlineData("settle", RunState.Running)]
    [InlineData("settle", RunState.Queued)]
    [InlineData("report", RunState.Running)]
    [InlineData("report", RunState.Scheduled)]
    public void AStepThatHasNotEnded_StopsThePlan_AndNamesIt(string step, RunState state)
    {
        var latest = Latest(("extract", 1, RunState.Succeeded), ("fx", 2, RunState.Succeeded), ("settle", 3, RunState.Succeeded), ("report", 4, RunState.Succeeded));
        latest[step] = latest[step] with { State = state };
        var (runs, busy) = FlowRerunPlan.Make(Eod, Date, "settle", latest, At, "kim", "again");
        Assert.Empty(runs);
        Assert.Equal(step, busy!.Id);
    }
}
