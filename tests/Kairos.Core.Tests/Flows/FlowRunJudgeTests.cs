using Kairos.Core.Dependencies;
using Kairos.Core.Flows;
using Kairos.Core.Jobs;
using Kairos.Core.Reasons;
using Kairos.Core.Runs;

namespace Kairos.Core.Tests.Flows;

/// <summary>One state for a flow run, and each step's, from the steps' latest runs for the date.</summary>
public sealed class FlowRunJudgeTests
{
    private static readonly DateOnly Date = new(2026, 11, 30);
    private static readonly DateTimeOffset At = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    // a and b are roots; c after both; d after c; e after a (an independent branch from the point of view of b).
    private static Flow Diamond(FlowFailurePolicy policy = FlowFailurePolicy.Stop) => Flow.From(
    [
        Step("a", policy, 0), Step("b", policy, 1), Step("c", policy, 2, "a", "b"), Step("d", policy, 3, "c"), Step("e", policy, 4, "a"),
    ]).Single();

    private static Job Step(string id, FlowFailurePolicy policy, int order, params string[] after) =>
        Jobs.Step(id, new FlowPart("eod", policy, Order: order), after);

    private static Run R(string job, RunState state, long id = 1, SkipReason? skip = null) => new(id, job, At, TriggerKind.Time, Date, state, state.IsWaiting() ? 0 : 1, At, At,
        StartedAt: state is RunState.Running || state.IsFinal() && state != RunState.Skipped ? At : null, FinishedAt: state.IsFinal() ? At.AddMinutes(1) : null, SkipReason: skip);

    private static FlowRunStatus Judge(Flow flow, params Run[] runs) =>
        FlowRunJudge.Judge(flow, Date, runs.ToDictionary(r => r.JobId), _ => false);

    [Fact]
    public void NoRuns_IsPending_AndNonRootsSayWhatTheyWaitFor()
    {
        var status = Judge(Diamond());
        Assert.Equal(FlowRunState.Pending, status.State);
        var c = status.Steps.Single(s => s.Step.Id == "c");
        Assert.Equal(Reason.Of(ReasonCodes.FlowWaitingForSteps, "a, b", "2026-11-30"), c.Why);
        Assert.False(c.Blocked);
    }

    [Fact]
    public void RootsQueued_IsWaiting_ThenRunning_ThenSucceeded()
    {
        var flow = Diamond();
        Assert.Equal(FlowRunState.Waiting, Judge(flow, R("a", RunState.Queued), R("b", RunState.Scheduled)).State);
        Assert.Equal(FlowRunState.Running, Judge(flow, R("a", RunState.Running), R("b", RunState.Queued)).State);
        // Between a step's end and its downstream's start the flow run is still running.
        Assert.Equal(FlowRunState.Running, Judge(flow, R("a", RunState.Succeeded), R("b", RunState.Succeeded)).State);
        var done = Judge(flow, R("a", RunState.Succeeded), R("b", RunState.Succeeded), R("c", RunState.Succeeded), R("d", RunState.Succeeded), R("e", RunState.Succeeded));
        Assert.Equal(FlowRunState.Succeeded, done.State);
        Assert.Equal(At.AddMinutes(1), done.FinishedAt);
    }

    [Fact]
    public void Stop_AFailedStep_BlocksEveryStepNotYetBegun_AndTheFlowFails()
    {
        var status = Judge(Diamond(FlowFailurePolicy.Stop), R("a", RunState.Succeeded), R("b", RunState.Failed), R("c", RunState.Waiting));
        Assert.Equal(FlowRunState.Failed, status.State);
        Assert.Equal(Reason.Of(ReasonCodes.FlowBlocked, "b"), status.Steps.Single(s => s.Step.Id == "c").Why);
        Assert.Equal(Reason.Of(ReasonCodes.FlowBlocked, "b"), status.Steps.Single(s => s.Step.Id == "d").Why);
        var e = status.Steps.Single(s => s.Step.Id == "e");
        Assert.True(e.Blocked);
        Assert.Equal(Reason.Of(ReasonCodes.FlowStopped, "eod", "b"), e.Why);
    }

    [Fact]
    public void Continue_TheIndependentBranchGoesOn_AndTheFlowFailsOnlyOnceItEnds()
    {
        var flow = Diamond(FlowFailurePolicy.Continue);
        var running = Judge(flow, R("a", RunState.Succeeded), R("b", RunState.Failed), R("c", RunState.Waiting));
        Assert.Equal(FlowRunState.Running, running.State); // e may still start
        Assert.False(running.Steps.Single(s => s.Step.Id == "e").Blocked);
        Assert.True(running.Steps.Single(s => s.Step.Id == "d").Blocked);
        var ended = Judge(flow, R("a", RunState.Succeeded), R("b", RunState.Failed), R("c", RunState.Waiting), R("e", RunState.Succeeded));
        Assert.Equal(FlowRunState.Failed, ended.State);
    }

    [Fact]
    public void ARerunThatSucceeded_ReplacesTheFailure_AndTheDownstreamIsNoLongerBlocked()
    {
        var status = Judge(Diamond(), R("a", RunState.Succeeded), R("b", RunState.Succeeded, id: 7), R("c", RunState.Waiting));
        Assert.Equal(FlowRunState.Running, status.State);
        Assert.DoesNotContain(status.Steps, s => s.Blocked);
    }

    [Fact]
    public void ASkippedStep_CountsAsDone_WhenAnOperatorSkippedIt_AndAsFailedWhenItsWaitTimedOut()
    {
        var flow = Diamond();
        var skipped = Judge(flow, R("a", RunState.Succeeded), R("b", RunState.Skipped, skip: SkipReason.Operator), R("c", RunState.Succeeded), R("d", RunState.Succeeded), R("e", RunState.Succeeded));
        Assert.Equal(FlowRunState.Succeeded, skipped.State);
        var timedOut = Judge(flow, R("a", RunState.Succeeded), R("b", RunState.Succeeded), R("c", RunState.Skipped, skip: SkipReason.DependencyTimeout), R("e", RunState.Succeeded));
        Assert.Equal(FlowRunState.Failed, timedOut.State);
    }

    [Fact]
    public void AHeldRootSkipped_OrAHeldStepStillToRun_MakesTheFlowHeld()
    {
        var flow = Diamond();
        Assert.Equal(FlowRunState.Held, Judge(flow, R("a", RunState.Skipped, skip: SkipReason.Held)).State);
        var heldStep = FlowRunJudge.Judge(flow, Date, new[] { R("a", RunState.Succeeded), R("b", RunState.Succeeded) }.ToDictionary(r => r.JobId), id => id == "c");
        Assert.Equal(FlowRunState.Held, heldStep.State);
    }
}
