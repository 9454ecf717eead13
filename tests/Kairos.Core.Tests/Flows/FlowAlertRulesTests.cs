using Kairos.Core.Alerts;
using Kairos.Core.Dependencies;
using Kairos.Core.Flows;
using Kairos.Core.Jobs;
using Kairos.Core.Reasons;
using Kairos.Core.Runs;

namespace Kairos.Core.Tests.Flows;

/// <summary>A flow run's finishBy: alerted once it is past and the flow run has not succeeded, or when it succeeded late.</summary>
public sealed class FlowAlertRulesTests
{
    private static readonly DateOnly Date = new(2026, 11, 30);
    private static readonly DateTimeOffset Slot = Jobs.Kst(2026, 11, 30, 19);

    private static FlowRunStatus Status(FlowRunState state, WaitLimit? finishBy, DateTimeOffset? finished = null)
    {
        var job = Jobs.Step("eod-step", new FlowPart("eod", FlowFailurePolicy.Stop, finishBy));
        var flow = Flow.From([job]).Single();
        var run = new Run(1, "eod-step", Slot, TriggerKind.Time, Date, RunState.Succeeded, 1, Slot, Slot, Slot, finished);
        return new FlowRunStatus(flow, Date, state, [new FlowStepStatus(flow.Steps[0], finished is null ? null : run, false, null)]);
    }

    [Fact]
    public void BeforeTheDeadline_Nothing_AfterIt_NotFinishedWithTheState()
    {
        var byTime = new WaitLimit(At: new TimeOnly(7, 0)); // the next morning
        Assert.Null(FlowAlertRules.Due(Status(FlowRunState.Running, byTime), Slot, Jobs.Seoul, Jobs.Kst(2026, 12, 1, 6, 59)));
        var due = FlowAlertRules.Due(Status(FlowRunState.Running, byTime), Slot, Jobs.Seoul, Jobs.Kst(2026, 12, 1, 7, 0, 1));
        Assert.Equal(AlertKind.FlowLate, due!.Value.Kind);
        Assert.Equal(Reason.Of(ReasonCodes.AlertFlowNotFinished, "eod", "2026-11-30", "2026-12-01 07:00", "Asia/Seoul", "running"), due.Value.Why);
        // A failed flow run has not finished either: its deadline passes all the same.
        Assert.NotNull(FlowAlertRules.Due(Status(FlowRunState.Failed, byTime), Slot, Jobs.Seoul, Jobs.Kst(2026, 12, 1, 8)));
    }

    [Fact]
    public void ADurationCountsFromTheSlot_AndASucceededFlowRunIsLateOnlyIfItFinishedLate()
    {
        var within = new WaitLimit(For: TimeSpan.FromHours(2));
        Assert.Null(FlowAlertRules.Due(Status(FlowRunState.Succeeded, within, Slot.AddHours(1.9)), Slot, Jobs.Seoul, Slot.AddHours(5)));
        var late = FlowAlertRules.Due(Status(FlowRunState.Succeeded, within, Slot.AddHours(2.5)), Slot, Jobs.Seoul, Slot.AddHours(5));
        Assert.Equal(Reason.Of(ReasonCodes.AlertFlowFinishedLate, "eod", "2026-11-30", "2026-11-30 21:00", "Asia/Seoul"), late!.Value.Why);
        Assert.Null(FlowAlertRules.Due(Status(FlowRunState.Running, null), Slot, Jobs.Seoul, Slot.AddDays(3)));
    }
}
