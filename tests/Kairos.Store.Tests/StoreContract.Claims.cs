using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Reasons;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ClaimDue_OnlyDueRuns_StartedWithLease()
    {
        await AddJobAsync("a", OverlapPolicy.Allow);
        await Store.Runs.AddSlotRunsAsync([Slot("a", 1), Slot("a", 2), Slot("a", 60)], T0);
        var claim = await Store.Runs.ClaimAndStartAsync("n1", T0.AddSeconds(2), T0.AddSeconds(2), Lease, 100);
        Assert.Equal(2, claim.Claimed.Count);
        var run = await Store.Runs.GetAsync(claim.Claimed[0].Id);
        Assert.Equal(RunState.Running, run!.State);
        Assert.Equal(1, run.Attempt);
        Assert.Equal("n1", run.Node);
        Assert.Equal(T0.AddSeconds(32), run.LeaseUntil);
        Assert.Empty((await Store.Runs.ClaimAndStartAsync("n1", T0.AddSeconds(2), T0.AddSeconds(2), Lease, 100)).Claimed);
    }

    [Fact]
    public async Task ClaimDue_Ahead_StartsAtDueTimeWithLeaseFromThere()
    {
        await AddJobAsync("a", OverlapPolicy.Allow);
        await Store.Runs.AddSlotRunsAsync([Slot("a", 10), Slot("a", 11)], T0);
        var claim = await Store.Runs.ClaimAndStartAsync("n1", T0.AddSeconds(9.6), T0.AddSeconds(10.1), Lease, 100);
        var run = Assert.Single(claim.Claimed);
        Assert.Equal(T0.AddSeconds(10), run.StartedAt);
        Assert.Equal(T0.AddSeconds(40), (await Store.Runs.GetAsync(run.Id))!.LeaseUntil);
        Assert.Equal(T0.AddSeconds(10), (await Store.Runs.GetAsync(run.Id))!.StartedAt);
    }

    [Fact]
    public async Task ClaimDue_TwoNodesConcurrently_EachRunClaimedOnce()
    {
        for (var j = 0; j < 20; j++) await AddJobAsync($"job{j}", OverlapPolicy.Allow);
        await Store.Runs.AddSlotRunsAsync(Enumerable.Range(0, 20).SelectMany(j => Enumerable.Range(0, 25).Select(s => Slot($"job{j}", s))).ToList(), T0);
        var other = SecondNode();
        async Task<List<long>> Drain(IKairosStore store, string node)
        {
            var ids = new List<long>();
            while (true)
            {
                var claim = await store.Runs.ClaimAndStartAsync(node, T0.AddMinutes(1), T0.AddMinutes(1), Lease, 13);
                if (claim.Claimed.Count == 0 && claim.Skipped.Count == 0) return ids;
                ids.AddRange(claim.Claimed.Select(r => r.Id));
            }
        }
        var claimed = await Task.WhenAll(Task.Run(() => Drain(Store, "n1")), Task.Run(() => Drain(other, "n2")));
        var all = claimed.SelectMany(c => c).ToList();
        Assert.Equal(500, all.Count);
        Assert.Equal(500, all.Distinct().Count());
    }

    [Fact]
    public async Task ClaimDue_HeldJob_SkipsSlotButStartsManualRun()
    {
        await AddJobAsync("a", held: true);
        await Store.Runs.AddSlotRunsAsync([Slot("a", 1)], T0);
        var manual = await Store.Runs.AddRunAsync(Manual("a", T0), T0);
        var claim = await Store.Runs.ClaimAndStartAsync("n1", T0.AddSeconds(1), T0.AddSeconds(1), Lease, 10);
        Assert.Equal(manual, Assert.Single(claim.Claimed).Id);
        var skipped = Assert.Single(claim.Skipped);
        Assert.Equal(SkipReason.Held, skipped.SkipReason);
        Assert.Equal(SkipReason.Held, (await Store.Runs.GetAsync(skipped.Id))!.SkipReason);
    }

    [Fact]
    public async Task ClaimDue_OverlapForbid_SkipsWhileEarlierRuns()
    {
        await AddJobAsync("a", OverlapPolicy.Forbid);
        await Store.Runs.AddSlotRunsAsync([Slot("a", 1), Slot("a", 2)], T0);
        Assert.Single((await Store.Runs.ClaimAndStartAsync("n1", T0.AddSeconds(1), T0.AddSeconds(1), Lease, 10)).Claimed);
        var second = await Store.Runs.ClaimAndStartAsync("n2", T0.AddSeconds(2), T0.AddSeconds(2), Lease, 10);
        Assert.Empty(second.Claimed);
        Assert.Equal(SkipReason.Overlap, Assert.Single(second.Skipped).SkipReason);
    }

    [Fact]
    public async Task ClaimDue_OverlapForbidSeveralDueAtOnce_OneStartsOthersWait()
    {
        await AddJobAsync("a", OverlapPolicy.Forbid);
        await Store.Runs.AddSlotRunsAsync([Slot("a", 1), Slot("a", 2), Slot("a", 3)], T0);
        var claim = await Store.Runs.ClaimAndStartAsync("n1", T0.AddSeconds(5), T0.AddSeconds(5), Lease, 10);
        var first = Assert.Single(claim.Claimed);
        Assert.Empty(claim.Skipped);
        await Store.Runs.CompleteAsync([new RunCompletion(first.Id, 1, RunState.Succeeded, T0.AddSeconds(5))]);
        Assert.Single((await Store.Runs.ClaimAndStartAsync("n1", T0.AddSeconds(5), T0.AddSeconds(5), Lease, 10)).Claimed);
    }

    [Fact]
    public async Task ClaimDue_OverlapReplace_StartsAndNamesRunToKill()
    {
        await AddJobAsync("a", OverlapPolicy.Replace);
        await Store.Runs.AddSlotRunsAsync([Slot("a", 1), Slot("a", 2)], T0);
        var first = Assert.Single((await Store.Runs.ClaimAndStartAsync("n1", T0.AddSeconds(1), T0.AddSeconds(1), Lease, 10)).Claimed);
        var second = await Store.Runs.ClaimAndStartAsync("n2", T0.AddSeconds(2), T0.AddSeconds(2), Lease, 10);
        Assert.Single(second.Claimed);
        Assert.Equal([first.Id], second.ToReplace);
        Assert.Equal([first.Id], await Store.Runs.KillRequestsAsync("n1"));
    }

    [Fact]
    public async Task ClaimDue_JobDeleted_RunFailsWithReason()
    {
        await AddJobAsync("gone");
        await Store.Runs.AddSlotRunsAsync([Slot("gone", 1)], T0);
        await Store.Jobs.DeleteAsync("gone", Tester);
        var claim = await Store.Runs.ClaimAndStartAsync("n1", T0.AddSeconds(1), T0.AddSeconds(1), Lease, 10);
        var run = Assert.Single(claim.Skipped);
        Assert.Equal(RunState.Failed, run.State);
        Assert.Equal(Reason.Of(ReasonCodes.JobGone, "gone"), StoredReason.Read(run.Detail));
    }
}
