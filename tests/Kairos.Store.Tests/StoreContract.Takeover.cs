using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Tests;

/// <summary>Claims that lapse when their node dies, starts that only the claim's holder makes, and forbid across nodes.</summary>
public abstract partial class StoreContract
{
    private static readonly TimeSpan ClaimFor = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Claim_NotStarted_StaysWaitingAndIsNotRunning()
    {
        await AddJobAsync("a", OverlapPolicy.Allow);
        await Store.Runs.AddSlotRunsAsync([Slot("a", 1)], T0);
        var claimed = Assert.Single((await Store.Runs.ClaimDueAsync("n1", T0.AddSeconds(0.6), T0.AddSeconds(1.1), ClaimFor, 10)).Claimed);
        var stored = await Store.Runs.GetAsync(claimed.Id);
        Assert.Equal(RunState.Scheduled, stored!.State);
        Assert.Equal(0, stored.Attempt);
        Assert.Equal("n1", stored.Node);
        Assert.Equal(T0.AddSeconds(1), claimed.StartedAt);
        Assert.Equal(T0.AddSeconds(3), stored.LeaseUntil);
        // Nobody else takes it while the claim holds.
        Assert.Empty((await SecondNode().Runs.ClaimDueAsync("n2", T0.AddSeconds(2.9), T0.AddSeconds(2.9), ClaimFor, 10)).Claimed);
    }

    [Fact]
    public async Task Claim_NodeDiesBeforeStarting_ClaimLapsesAnotherNodeRunsItAndTheDeadClaimCannotStart()
    {
        await AddJobAsync("a", OverlapPolicy.Forbid);
        await Store.Runs.AddSlotRunsAsync([Slot("a", 1)], T0);
        var dead = Assert.Single((await Store.Runs.ClaimDueAsync("n1", T0.AddSeconds(1), T0.AddSeconds(1), ClaimFor, 10)).Claimed);
        var other = SecondNode();
        var taken = Assert.Single((await other.Runs.ClaimDueAsync("n2", T0.AddSeconds(3.1), T0.AddSeconds(3.1), ClaimFor, 10)).Claimed);
        Assert.Equal(dead.Id, taken.Id);
        // The first node wakes up late: its claim is no longer its own, so it must not start the run.
        Assert.Empty(await Store.Runs.StartAsync("n1", [dead], T0.AddSeconds(3.2), Lease));
        var started = Assert.Single(await other.Runs.StartAsync("n2", [taken], T0.AddSeconds(3.2), Lease));
        Assert.Equal(1, started.Attempt);
        var stored = await Store.Runs.GetAsync(dead.Id);
        Assert.Equal(RunState.Running, stored!.State);
        Assert.Equal("n2", stored.Node);
        Assert.Equal([RunState.Scheduled, RunState.Running], (await Store.Runs.EventsAsync(dead.Id)).Select(e => e.To));
    }

    [Fact]
    public async Task Start_AfterTheClaimLapsed_RefusedEvenWhenNobodyTookIt()
    {
        await AddJobAsync("a", OverlapPolicy.Forbid);
        await Store.Runs.AddSlotRunsAsync([Slot("a", 1)], T0);
        var claimed = Assert.Single((await Store.Runs.ClaimDueAsync("n1", T0.AddSeconds(1), T0.AddSeconds(1), ClaimFor, 10)).Claimed);
        // A lapsed claim no longer counts for overlap, so starting it now could run beside a newer claim of its job.
        Assert.Empty(await Store.Runs.StartAsync("n1", [claimed], T0.AddSeconds(3.5), Lease));
        Assert.Single(await Store.Runs.StartAsync("n1", [claimed], T0.AddSeconds(2.9), Lease));
    }

    [Fact]
    public async Task Claim_AheadOnlyForItsShare_DueRunsForAnyNode()
    {
        await AddJobAsync("mine", OverlapPolicy.Allow);
        await AddJobAsync("theirs", OverlapPolicy.Allow);
        await Store.Runs.AddSlotRunsAsync([Slot("mine", 10), Slot("theirs", 10), Slot("theirs", 9)], T0);
        var ahead = await Store.Runs.ClaimDueAsync("n1", T0.AddSeconds(9.6), T0.AddSeconds(10.1), ClaimFor, 10, claimsAhead: id => id == "mine");
        // Ahead of time only its own share; the slot already due is anyone's (its node may be dead).
        Assert.Equal([("theirs", T0.AddSeconds(9)), ("mine", T0.AddSeconds(10))], ahead.Claimed.Select(r => (r.JobId, r.SlotTime!.Value)));
        Assert.Equal(0, ahead.Waiting);
        var due = await Store.Runs.ClaimDueAsync("n1", T0.AddSeconds(10), T0.AddSeconds(10), ClaimFor, 10, claimsAhead: id => id == "mine");
        Assert.Equal("theirs", Assert.Single(due.Claimed).JobId);
    }

    [Fact]
    public async Task Claim_OwnLapsedClaim_NotTakenAgainByTheSameNode()
    {
        await AddJobAsync("a", OverlapPolicy.Allow);
        await Store.Runs.AddSlotRunsAsync([Slot("a", 1)], T0);
        Assert.Single((await Store.Runs.ClaimDueAsync("n1", T0.AddSeconds(1), T0.AddSeconds(1), ClaimFor, 10)).Claimed);
        // Its start was written too late: the node is alive and still holds the run, so a second attempt must not begin.
        Assert.Empty((await Store.Runs.ClaimDueAsync("n1", T0.AddSeconds(4), T0.AddSeconds(4), ClaimFor, 10)).Claimed);
        await Store.Runs.ReleaseClaimsAsync("n1", null, T0.AddSeconds(4));
        Assert.Single((await Store.Runs.ClaimDueAsync("n1", T0.AddSeconds(4), T0.AddSeconds(4), ClaimFor, 10)).Claimed);
    }

    [Fact]
    public async Task Claim_OfForbidJob_OccupiesItSoASecondDueSlotWaits()
    {
        await AddJobAsync("a", OverlapPolicy.Forbid);
        await Store.Runs.AddSlotRunsAsync([Slot("a", 1)], T0);
        Assert.Single((await Store.Runs.ClaimDueAsync("n1", T0.AddSeconds(1), T0.AddSeconds(1), ClaimFor, 10)).Claimed);
        var manual = await Store.Runs.AddRunAsync(Manual("a", T0.AddSeconds(1)), T0.AddSeconds(1));
        var second = await SecondNode().Runs.ClaimDueAsync("n2", T0.AddSeconds(1.5), T0.AddSeconds(1.5), ClaimFor, 10);
        Assert.Empty(second.Claimed);
        Assert.Empty(second.Skipped); // an operator's trigger queues behind the claimed run, never "queued" then skipped
        Assert.Equal(1, second.Waiting);
        Assert.Equal(RunState.Queued, (await Store.Runs.GetAsync(manual))!.State);
    }

    [Fact]
    public async Task Claim_ForbidJobManySlotsDue_TwoNodesConcurrently_NeverTwoAtOnce()
    {
        await AddJobAsync("a", OverlapPolicy.Forbid);
        await Store.Runs.AddSlotRunsAsync(Enumerable.Range(0, 40).Select(s => Slot("a", s)).ToList(), T0);
        var now = T0.AddSeconds(41);
        async Task<int> StartAll(IKairosStore store, string node)
        {
            var started = 0;
            for (var i = 0; i < 20; i++)
            {
                var claim = await store.Runs.ClaimDueAsync(node, now, now, ClaimFor, 5, new MisfireRule(_ => new MisfirePolicy(MisfireMode.RunAll, TimeSpan.FromHours(1)), TimeSpan.FromSeconds(5)));
                started += (await store.Runs.StartAsync(node, claim.Claimed, now, Lease)).Count;
            }
            return started;
        }
        var counts = await Task.WhenAll(Task.Run(() => StartAll(Store, "n1")), Task.Run(() => StartAll(SecondNode(), "n2")));
        Assert.Equal(1, counts.Sum());
        Assert.Single(await Store.Runs.ListAsync(new RunQuery(State: RunState.Running, Limit: 100)));
    }

    [Fact]
    public async Task Claim_SlotsPlannedBeforeAStop_FollowTheMisfirePolicy()
    {
        await AddJobAsync("once", OverlapPolicy.Allow);
        await AddJobAsync("skip", OverlapPolicy.Allow);
        await Store.Runs.AddSlotRunsAsync([Slot("once", 1), Slot("once", 2), Slot("once", 3), Slot("skip", 1), Slot("skip", 700)], T0);
        var policies = new Dictionary<string, MisfirePolicy>
        {
            ["once"] = new(MisfireMode.RunOnce, TimeSpan.FromMinutes(15)),
            ["skip"] = new(MisfireMode.Skip, TimeSpan.FromMinutes(10)),
        };
        // The node comes back 640 s later: the slots it had planned are 637–640 s late.
        var now = T0.AddSeconds(641);
        var claim = await Store.Runs.ClaimDueAsync("n1", now, now, ClaimFor, 10, new MisfireRule(id => policies.GetValueOrDefault(id), TimeSpan.FromSeconds(5)));
        Assert.Equal([T0.AddSeconds(3)], claim.Claimed.Select(r => r.SlotTime));
        Assert.Equal(3, claim.Skipped.Count);
        Assert.All(claim.Skipped, r => Assert.Equal(SkipReason.Missed, r.SkipReason));
        // The skip job's next slot is not late yet: it waits for its time.
        Assert.Equal(RunState.Scheduled, (await Store.Runs.GetBySlotAsync("skip", T0.AddSeconds(700)))!.State);
    }

    [Fact]
    public async Task RunningOnSilentNodes_OnlyRunsOfNodesSilentSinceThen()
    {
        var run = await StartOneAsync("n1");
        await Store.Nodes.HeartbeatAsync("n1", T0.AddSeconds(60));
        Assert.Empty(await Store.Runs.RunningOnSilentNodesAsync(T0.AddSeconds(58), "n2"));
        Assert.Equal(run.Id, Assert.Single(await Store.Runs.RunningOnSilentNodesAsync(T0.AddSeconds(61), "n2")).Id);
        Assert.Empty(await Store.Runs.RunningOnSilentNodesAsync(T0.AddSeconds(61), "n1")); // a node does not judge itself
        Assert.Equal("n1", Assert.Single(await Store.Nodes.ListAsync()).Id);
    }

    [Fact]
    public async Task ReleaseClaims_GivesBackOnlyUnstartedClaimsOfThatNode()
    {
        await AddJobAsync("a", OverlapPolicy.Allow);
        await Store.Runs.AddSlotRunsAsync([Slot("a", 1), Slot("a", 2)], T0);
        var claim = await Store.Runs.ClaimDueAsync("n1", T0.AddSeconds(2), T0.AddSeconds(2), ClaimFor, 10);
        Assert.Single(await Store.Runs.StartAsync("n1", [claim.Claimed[0]], T0.AddSeconds(2), Lease));
        await Store.Runs.ReleaseClaimsAsync("n1", null, T0.AddSeconds(2));
        Assert.Equal("n1", (await Store.Runs.GetAsync(claim.Claimed[0].Id))!.Node);
        var released = await Store.Runs.GetAsync(claim.Claimed[1].Id);
        Assert.Null(released!.Node);
        Assert.Equal(claim.Claimed[1].Id, Assert.Single((await Store.Runs.ClaimDueAsync("n2", T0.AddSeconds(2), T0.AddSeconds(2), ClaimFor, 10)).Claimed).Id);
    }
}
