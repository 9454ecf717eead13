using Kairos.Core.Jobs;
using Kairos.Core.Runs;
using Kairos.Core.Reasons;

namespace Kairos.Core.Tests;

public class ClaimDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 0, 0, 10, TimeSpan.Zero);

    // due and firstRunningStart are seconds relative to now; null means none runs.
    [Theory]
    [InlineData(TriggerKind.Time, 0, true, OverlapPolicy.Allow, 0, 0.0, null, ClaimAction.Skip, SkipReason.Held)]
    [InlineData(TriggerKind.Manual, 0, true, OverlapPolicy.Allow, 0, 0.0, null, ClaimAction.Start, null)]
    [InlineData(TriggerKind.Time, 0, false, OverlapPolicy.Forbid, 1, 0.0, -3.0, ClaimAction.Skip, SkipReason.Overlap)]
    [InlineData(TriggerKind.Time, 0, false, OverlapPolicy.Allow, 3, 0.0, -3.0, ClaimAction.Start, null)]
    [InlineData(TriggerKind.Time, 0, false, OverlapPolicy.Replace, 1, 0.0, -3.0, ClaimAction.StartAndReplace, null)]
    [InlineData(TriggerKind.Time, 0, false, OverlapPolicy.Forbid, 0, 0.0, null, ClaimAction.Start, null)]
    [InlineData(TriggerKind.Time, 1, true, OverlapPolicy.Forbid, 2, 0.0, -3.0, ClaimAction.Start, null)]
    [InlineData(TriggerKind.Time, 0, false, OverlapPolicy.Forbid, 1, 0.4, -1.0, ClaimAction.Wait, null)]        // claimed ahead: the earlier run may finish first
    [InlineData(TriggerKind.Time, 0, false, OverlapPolicy.Replace, 1, 0.4, -1.0, ClaimAction.Wait, null)]
    [InlineData(TriggerKind.Time, 0, false, OverlapPolicy.Forbid, 1, -5.0, -1.0, ClaimAction.Wait, null)]         // catch-up: the earlier run started after this slot was due
    [InlineData(TriggerKind.Time, 0, false, OverlapPolicy.Forbid, 1, -5.0, -6.0, ClaimAction.Skip, SkipReason.Overlap)]
    [InlineData(TriggerKind.Backfill, 0, false, OverlapPolicy.Forbid, 1, 0.0, 0.0, ClaimAction.Wait, null)]        // backfilled dates queue behind each other
    [InlineData(TriggerKind.Backfill, 0, false, OverlapPolicy.Replace, 1, -5.0, -6.0, ClaimAction.Wait, null)]
    [InlineData(TriggerKind.Backfill, 0, true, OverlapPolicy.Forbid, 0, 0.0, null, ClaimAction.Start, null)]       // an operator's request, held or not
    [InlineData(TriggerKind.Event, 0, true, OverlapPolicy.Allow, 0, 0.0, null, ClaimAction.Skip, SkipReason.Held)]    // held: a message's run is skipped like a slot
    [InlineData(TriggerKind.Event, 0, false, OverlapPolicy.Forbid, 1, -5.0, -6.0, ClaimAction.Wait, null)]         // every message gets its run, one after another
    [InlineData(TriggerKind.Event, 0, false, OverlapPolicy.Allow, 1, 0.0, -6.0, ClaimAction.Start, null)]
    [InlineData(TriggerKind.Manual, 0, false, OverlapPolicy.Forbid, 1, -5.0, -6.0, ClaimAction.Wait, null)]        // an operator's trigger queues behind the run, never "queued" then skipped
    [InlineData(TriggerKind.Manual, 0, false, OverlapPolicy.Replace, 1, 0.0, -6.0, ClaimAction.Wait, null)]
    public void Decide_Table(TriggerKind trigger, int attempts, bool held, OverlapPolicy overlap, int running, double due, double? firstStart, ClaimAction action, SkipReason? reason)
    {
        var decision = ClaimDecision.Decide(trigger, attempts, held, overlap, running, Now.AddSeconds(due), Now, firstStart is { } f ? Now.AddSeconds(f) : null);
        Assert.Equal(action, decision.Action);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void SlotPlannedAfterItCameDue_JudgedAtItsInstant_NotAtWhenItWasPlanned()
    {
        // A node starts at 42.2 s: it claims the 40 s slot at 42.213 and plans the 42 s slot at 42.216 (due then).
        // The earlier run started after 42 s, so the slot did not overlap it: it waits rather than being skipped.
        var slot = Now.AddSeconds(-8);
        var decision = ClaimDecision.Decide(TriggerKind.Time, 0, false, OverlapPolicy.Forbid, 1, dueAt: slot.AddMilliseconds(216), Now,
            firstRunningStart: slot.AddMilliseconds(213), slotTime: slot);
        Assert.Equal(ClaimAction.Wait, decision.Action);
        Assert.Equal(ClaimAction.Skip, ClaimDecision.Decide(TriggerKind.Time, 0, false, OverlapPolicy.Forbid, 1, slot.AddMilliseconds(216), Now,
            firstRunningStart: slot.AddMilliseconds(-1), slotTime: slot).Action);
    }

    [Fact]
    public void RetryPolicy_Backoff_DoublesAndCaps()
    {
        var policy = new RetryPolicy(4, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(25));
        Assert.Equal([10, 20, 25, 25], Enumerable.Range(2, 4).Select(a => policy.DelayBefore(a)!.Value.TotalSeconds));
        Assert.Null(policy.DelayBefore(6));
        Assert.Null(RetryPolicy.None.DelayBefore(2));
    }

    // slot is seconds relative to now; the threshold is 5 s, the catch-up window 60 s.
    [Theory]
    [InlineData(TriggerKind.Time, 0, -4.0, MisfireMode.Skip, false, null)]                 // within the threshold: on time
    [InlineData(TriggerKind.Time, 0, -6.0, MisfireMode.Skip, false, SkipReason.Missed)]
    [InlineData(TriggerKind.Time, 0, -6.0, MisfireMode.RunOnce, false, null)]              // the latest late slot runs
    [InlineData(TriggerKind.Time, 0, -6.0, MisfireMode.RunOnce, true, SkipReason.Missed)]  // an earlier one gives way to it
    [InlineData(TriggerKind.Time, 0, -30.0, MisfireMode.RunAll, true, null)]
    [InlineData(TriggerKind.Time, 0, -61.0, MisfireMode.RunAll, false, SkipReason.Missed)] // beyond the catch-up window
    [InlineData(TriggerKind.Time, 1, -600.0, MisfireMode.Skip, false, null)]               // a retry is not a slot's first attempt
    [InlineData(TriggerKind.Manual, 0, -600.0, MisfireMode.Skip, false, null)]
    [InlineData(TriggerKind.Event, 0, -600.0, MisfireMode.Skip, false, null)]
    public void Misfire_Table(TriggerKind trigger, int attempts, double slot, MisfireMode mode, bool laterDue, SkipReason? reason)
    {
        var decision = ClaimDecision.Misfire(trigger, attempts, Now.AddSeconds(slot), new MisfirePolicy(mode, TimeSpan.FromSeconds(60)),
            TimeSpan.FromSeconds(5), laterDue, Now);
        Assert.Equal(reason, decision?.Reason);
    }

    [Fact]
    public void Misfire_SlotPlannedBeforeAStop_SkippedWithHowLateAndWhy()
    {
        var decision = ClaimDecision.Misfire(TriggerKind.Time, 0, Now.AddSeconds(-620), MisfirePolicy.Default, TimeSpan.FromSeconds(5), false, Now);
        Assert.Equal(SkipReason.Missed, decision!.Value.Reason);
        Assert.Equal(Reason.Of(ReasonCodes.LateBeyondCatchup, "620", MisfirePolicy.Default.CatchupWindow.ToString()), decision.Value.Why);
    }
}
