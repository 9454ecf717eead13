using Kairos.Core.Jobs;
using Kairos.Core.Runs;

namespace Kairos.Core.Tests;

public class ClaimDecisionTests
{
    [Theory]
    [InlineData(TriggerKind.Time, 0, true, OverlapPolicy.Allow, 0, ClaimAction.Skip, SkipReason.Held)]
    [InlineData(TriggerKind.Manual, 0, true, OverlapPolicy.Allow, 0, ClaimAction.Start, null)]
    [InlineData(TriggerKind.Time, 0, false, OverlapPolicy.Forbid, 1, ClaimAction.Skip, SkipReason.Overlap)]
    [InlineData(TriggerKind.Time, 0, false, OverlapPolicy.Allow, 3, ClaimAction.Start, null)]
    [InlineData(TriggerKind.Time, 0, false, OverlapPolicy.Replace, 1, ClaimAction.StartAndReplace, null)]
    [InlineData(TriggerKind.Time, 0, false, OverlapPolicy.Forbid, 0, ClaimAction.Start, null)]
    [InlineData(TriggerKind.Time, 1, true, OverlapPolicy.Forbid, 2, ClaimAction.Start, null)]
    public void Decide_Table(TriggerKind trigger, int attempts, bool held, OverlapPolicy overlap, int running, ClaimAction action, SkipReason? reason)
    {
        var decision = ClaimDecision.Decide(trigger, attempts, held, overlap, running);
        Assert.Equal(action, decision.Action);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void RetryPolicy_Backoff_DoublesAndCaps()
    {
        var policy = new RetryPolicy(4, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(25));
        Assert.Equal([10, 20, 25, 25], Enumerable.Range(2, 4).Select(a => policy.DelayBefore(a)!.Value.TotalSeconds));
        Assert.Null(policy.DelayBefore(6));
        Assert.Null(RetryPolicy.None.DelayBefore(2));
    }
}
