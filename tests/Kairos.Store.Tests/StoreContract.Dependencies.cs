using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    private static NewRun DependencyRun(string job, DateOnly date, DateTimeOffset? due = null) =>
        new(job, null, TriggerKind.Dependency, date, due ?? T0, RunState.Waiting);

    private static NewRun WaitingSlot(string job, int second) => Slot(job, second) with { State = RunState.Waiting };

    [Fact]
    public async Task AddDependencyRuns_SameJobAndDateAgain_CreatedOnce()
    {
        await AddJobAsync("a");
        Assert.Equal(2, await Store.Runs.AddDependencyRunsAsync([DependencyRun("a", Day), DependencyRun("a", Day), DependencyRun("a", Day.AddDays(1))], T0));
        Assert.Equal(1, await Store.Runs.AddDependencyRunsAsync([DependencyRun("a", Day), DependencyRun("a", Day.AddDays(2))], T0.AddSeconds(1)));
        var runs = await Store.Runs.BusinessDateRunsAsync("a", Day, Day.AddDays(2));
        Assert.Equal([Day, Day.AddDays(1), Day.AddDays(2)], runs.Select(r => r.BusinessDate!.Value));
        Assert.All(runs, r => Assert.Equal((RunState.Waiting, TriggerKind.Dependency, (DateTimeOffset?)null), (r.State, r.Trigger, r.SlotTime)));
    }

    [Fact]
    public async Task AddDependencyRuns_NotWaitingOrWithSlot_Refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Runs.AddDependencyRunsAsync([DependencyRun("a", Day) with { State = RunState.Scheduled }], T0));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Runs.AddDependencyRunsAsync([DependencyRun("a", Day) with { SlotTime = T0 }], T0));
    }

    [Fact]
    public async Task AddDependencyRuns_TwoNodesConcurrently_OneRunPerJobAndDate()
    {
        var jobs = Enumerable.Range(0, 15).Select(j => $"job{j}").ToList();
        foreach (var job in jobs) await AddJobAsync(job);
        var other = SecondNode();
        var created = 0;
        for (var round = 0; round < 4; round++)
        {
            var dates = Enumerable.Range(round * 5, 5).Select(d => Day.AddDays(d)).ToList();
            var runs = jobs.SelectMany(j => dates.Select(d => DependencyRun(j, d))).ToList();
            var reversed = Enumerable.Reverse(runs).ToList(); // the store puts both in one order, or they could deadlock
            var counts = await Task.WhenAll(
                Task.Run(() => Store.Runs.AddDependencyRunsAsync(runs, T0)),
                Task.Run(() => other.Runs.AddDependencyRunsAsync(reversed, T0)));
            created += counts.Sum();
        }
        Assert.Equal(15 * 20, created);
        var all = await Store.Runs.DateStatesAsync(jobs, Day, Day.AddDays(19));
        Assert.Equal(15 * 20, all.Count);
        Assert.Equal(15 * 20, all.Select(r => (r.JobId, r.BusinessDate)).Distinct().Count());
    }

    [Fact]
    public async Task WaitingRuns_NeverClaimed_ListedOldestDueFirst()
    {
        await AddJobAsync("a", OverlapPolicy.Allow);
        await AddJobAsync("b", OverlapPolicy.Allow);
        await Store.Runs.AddSlotRunsAsync([WaitingSlot("a", 5), WaitingSlot("a", 1), WaitingSlot("a", 100)], T0);
        var dependent = await Store.Runs.AddDependencyRunsAsync([DependencyRun("b", Day, T0.AddSeconds(3))], T0);
        Assert.Equal(1, dependent);

        Assert.Empty((await Store.Runs.ClaimAndStartAsync("n1", T0.AddMinutes(5), T0.AddMinutes(5), Lease, 100)).Claimed);
        Assert.Null(await Store.Runs.NextDueAtAsync(T0, TimeSpan.Zero));
        var waiting = await Store.Runs.DependencyWaitingAsync(T0.AddSeconds(10), 10);
        Assert.Equal([T0.AddSeconds(1), T0.AddSeconds(3), T0.AddSeconds(5)], waiting.Select(r => r.DueAt));
        Assert.Equal(2, (await Store.Runs.DependencyWaitingAsync(T0.AddSeconds(10), 2)).Count);
    }

    [Fact]
    public async Task ReleaseWaiting_OnlyWaitingRunsChange_ReturnsTheirIds()
    {
        await AddJobAsync("a", OverlapPolicy.Allow);
        await Store.Runs.AddSlotRunsAsync([WaitingSlot("a", 1), WaitingSlot("a", 2), Slot("a", 3)], T0);
        var (first, second, plain) = (await Id("a", 1), await Id("a", 2), await Id("a", 3));
        await Store.Runs.NoteWaitingAsync([(first, "waits for b")], T0);
        var now = T0.AddMinutes(3);

        var released = await Store.Runs.ReleaseWaitingAsync([(plain, "after b"), (first, "b succeeded")], now);
        Assert.Equal([first], released);
        var run = (await Store.Runs.GetAsync(first))!;
        Assert.Equal((RunState.Scheduled, now, (string?)null), (run.State, run.DueAt, run.Detail));
        var last = (await Store.Runs.EventsAsync(first))[^1];
        Assert.Equal((RunState.Waiting, RunState.Scheduled, "b succeeded"), (last.From!.Value, last.To, last.Detail));
        Assert.Equal(RunState.Waiting, (await Store.Runs.GetAsync(second))!.State);
        Assert.Equal(T0.AddSeconds(3), (await Store.Runs.GetAsync(plain))!.DueAt);
        Assert.Empty(await Store.Runs.ReleaseWaitingAsync([(first, "again")], now.AddSeconds(1)));
        Assert.Equal(now, (await Store.Runs.GetAsync(first))!.DueAt);
    }

    [Fact]
    public async Task ReleasedRuns_TwoNodesClaimConcurrently_EachStartedOnce()
    {
        for (var j = 0; j < 10; j++) await AddJobAsync($"job{j}", OverlapPolicy.Allow);
        await Store.Runs.AddSlotRunsAsync(Enumerable.Range(0, 10).SelectMany(j => Enumerable.Range(0, 10).Select(s => WaitingSlot($"job{j}", s))).ToList(), T0);
        var now = T0.AddMinutes(1);
        var waiting = await Store.Runs.DependencyWaitingAsync(now, 1000);
        Assert.Equal(100, waiting.Count);
        Assert.Equal(100, (await Store.Runs.ReleaseWaitingAsync(waiting.Select(r => (r.Id, "upstream done")).ToList(), now)).Count);
        var other = SecondNode();
        async Task<List<long>> Drain(IKairosStore store, string node)
        {
            var ids = new List<long>();
            while (true)
            {
                var claim = await store.Runs.ClaimAndStartAsync(node, now, now, Lease, 7);
                if (claim.Claimed.Count == 0 && claim.Skipped.Count == 0) return ids;
                ids.AddRange(claim.Claimed.Select(r => r.Id));
            }
        }
        var started = (await Task.WhenAll(Task.Run(() => Drain(Store, "n1")), Task.Run(() => Drain(other, "n2")))).SelectMany(c => c).ToList();
        Assert.Equal(100, started.Count);
        Assert.Equal(waiting.Select(r => r.Id).Order(), started.Order());
    }

    [Fact]
    public async Task ReleasedLongAfterItsSlot_NotMissed_LatenessCountsFromRelease()
    {
        await AddJobAsync("late-upstream");
        await AddJobAsync("plain");
        await Store.Runs.AddSlotRunsAsync([WaitingSlot("late-upstream", 1), Slot("plain", 1)], T0);
        var release = T0.AddHours(2);
        Assert.Single(await Store.Runs.ReleaseWaitingAsync([(await Id("late-upstream", 1), "upstream finished late")], release));
        var skipLate = new MisfireRule(_ => new MisfirePolicy(MisfireMode.Skip, TimeSpan.FromMinutes(10)), TimeSpan.FromSeconds(5));

        var claim = await Store.Runs.ClaimDueAsync("n1", release.AddSeconds(1), release.AddSeconds(1), Lease, 10, skipLate);
        Assert.Equal("late-upstream", Assert.Single(claim.Claimed).JobId);
        var missed = Assert.Single(claim.Skipped); // the same rule skips a slot that is this late for no reason of its dependencies
        Assert.Equal(("plain", SkipReason.Missed), (missed.JobId, missed.SkipReason!.Value));
    }

    [Fact]
    public async Task ReleasedRun_ClaimedLateAfterRelease_Missed()
    {
        await AddJobAsync("a");
        await Store.Runs.AddSlotRunsAsync([WaitingSlot("a", 1)], T0);
        Assert.Single(await Store.Runs.ReleaseWaitingAsync([(await Id("a", 1), "upstream done")], T0.AddMinutes(1)));
        var skipLate = new MisfireRule(_ => new MisfirePolicy(MisfireMode.Skip, TimeSpan.FromMinutes(10)), TimeSpan.FromSeconds(5));
        var claim = await Store.Runs.ClaimDueAsync("n1", T0.AddMinutes(2), T0.AddMinutes(2), Lease, 10, skipLate);
        Assert.Equal(SkipReason.Missed, Assert.Single(claim.Skipped).SkipReason);
    }

    [Fact]
    public async Task NoteWaiting_ChangesDetailOfWaitingRunsOnly_WithoutEvents()
    {
        await AddJobAsync("a");
        await Store.Runs.AddSlotRunsAsync([WaitingSlot("a", 1), Slot("a", 2)], T0);
        var (waiting, scheduled) = (await Id("a", 1), await Id("a", 2));
        await Store.Runs.NoteWaitingAsync([(waiting, "waits for b (running)"), (scheduled, "waits for b (running)")], T0.AddSeconds(5));
        await Store.Runs.NoteWaitingAsync([(waiting, "waits for b (running)")], T0.AddSeconds(6));

        var run = (await Store.Runs.GetAsync(waiting))!;
        Assert.Equal((RunState.Waiting, "waits for b (running)"), (run.State, run.Detail));
        Assert.Null((await Store.Runs.GetAsync(scheduled))!.Detail);
        Assert.Single(await Store.Runs.EventsAsync(waiting)); // only its creation
        await Store.Runs.NoteWaitingAsync([(waiting, "waits for b (failed)")], T0.AddSeconds(7));
        Assert.Equal("waits for b (failed)", (await Store.Runs.GetAsync(waiting))!.Detail);
    }

    [Fact]
    public async Task TimeOutWaiting_WaitingRunSkippedWithDependencyTimeout_OthersLeftAlone()
    {
        await AddJobAsync("a");
        await Store.Runs.AddSlotRunsAsync([WaitingSlot("a", 1), WaitingSlot("a", 2)], T0);
        var (waiting, released) = (await Id("a", 1), await Id("a", 2));
        await Store.Runs.ReleaseWaitingAsync([(released, "upstream done")], T0.AddSeconds(3));
        var now = T0.AddHours(1);

        var timedOut = Assert.Single(await Store.Runs.TimeOutWaitingAsync([(released, "b not done by 10:00"), (waiting, "b not done by 10:00")], now));
        Assert.Equal((waiting, RunState.Skipped, SkipReason.DependencyTimeout, now, "b not done by 10:00"),
            (timedOut.Id, timedOut.State, timedOut.SkipReason!.Value, timedOut.FinishedAt!.Value, timedOut.Detail!));
        Assert.Equal(RunState.Skipped, (await Store.Runs.GetAsync(waiting))!.State);
        Assert.Equal(RunState.Scheduled, (await Store.Runs.GetAsync(released))!.State);
        Assert.Equal(RunState.Skipped, (await Store.Runs.EventsAsync(waiting))[^1].To);
        Assert.Empty(await Store.Runs.TimeOutWaitingAsync([(waiting, "again")], now));
    }

    [Fact]
    public async Task DateStates_InIdOrder_OnlyTheJobsAndDatesAsked()
    {
        await AddJobAsync("a");
        await AddJobAsync("b");
        await AddJobAsync("c");
        await Store.Runs.AddDependencyRunsAsync([DependencyRun("b", Day.AddDays(1))], T0);
        await Store.Runs.AddDependencyRunsAsync([DependencyRun("a", Day)], T0);
        await Store.Runs.AddDependencyRunsAsync([DependencyRun("c", Day), DependencyRun("a", Day.AddDays(-1)), DependencyRun("a", Day.AddDays(2))], T0);
        var manual = await Store.Runs.AddRunAsync(Manual("b", T0) with { BusinessDate = Day }, T0);
        await Store.Runs.CancelWaitingAsync(manual, "kim", T0);

        var states = await Store.Runs.DateStatesAsync(["a", "b"], Day, Day.AddDays(1));
        Assert.Equal([("b", Day.AddDays(1), RunState.Waiting), ("a", Day, RunState.Waiting), ("b", Day, RunState.Killed)], states);
        Assert.Empty(await Store.Runs.DateStatesAsync([], Day, Day.AddDays(1)));
    }

    [Fact]
    public async Task EndedDatesSince_DistinctJobAndDate_EndedAtOrAfterSince()
    {
        await AddJobAsync("a");
        await AddJobAsync("b");
        async Task EndAsync(string job, DateOnly date, DateTimeOffset at) =>
            await Store.Runs.CancelWaitingAsync(await Store.Runs.AddRunAsync(Manual(job, T0) with { BusinessDate = date }, T0), "kim", at);
        await EndAsync("a", Day, T0.AddSeconds(10));
        await EndAsync("a", Day, T0.AddSeconds(20));
        await EndAsync("a", Day.AddDays(-1), T0.AddSeconds(5));   // ended before since
        await EndAsync("b", Day.AddDays(1), T0.AddSeconds(10));
        await EndAsync("c", Day, T0.AddSeconds(10));              // not asked for
        await Store.Runs.AddRunAsync(Manual("b", T0) with { BusinessDate = Day }, T0); // not ended

        var ended = await Store.Runs.EndedDatesSinceAsync(["a", "b"], T0.AddSeconds(10));
        Assert.Equal([("a", Day), ("b", Day.AddDays(1))], ended.Order());
    }

    [Fact]
    public async Task OperatorActions_OnWaitingRuns_TreatThemAsNotStarted()
    {
        await AddJobAsync("a");
        await Store.Runs.AddSlotRunsAsync([WaitingSlot("a", 1), WaitingSlot("a", 2), WaitingSlot("a", 500)], T0);
        var (cancelled, skipped) = (await Id("a", 1), await Id("a", 2));

        var counts = await Store.Runs.CountAsync(T0.AddSeconds(10));
        Assert.Equal((3, 0), (counts.ByState[RunState.Waiting], counts.QueueDepth)); // waiting for upstream runs, not for a node
        Assert.Equal([cancelled, skipped], (await Store.Runs.ActiveOrFinishedSinceAsync(T0.AddDays(1), T0.AddSeconds(10))).Select(r => r.Id));

        Assert.True(await Store.Runs.CancelWaitingAsync(cancelled, "kim", T0.AddSeconds(10)));
        Assert.Equal(RunState.Killed, (await Store.Runs.GetAsync(cancelled))!.State);
        Assert.False(await Store.Runs.CancelWaitingAsync(cancelled, "kim", T0.AddSeconds(11)));

        Assert.True(await Store.Runs.SkipSlotAsync(Slot("a", 2) with { State = RunState.Skipped, SkipReason = SkipReason.Operator, Detail = "skipped by kim" }, T0));
        var run = (await Store.Runs.GetAsync(skipped))!;
        Assert.Equal((RunState.Skipped, SkipReason.Operator), (run.State, run.SkipReason!.Value));
        Assert.Equal(1, (await Store.Runs.CountAsync(T0.AddSeconds(10))).ByState[RunState.Waiting]);
    }

    private async Task<long> Id(string job, int second) => (await Store.Runs.GetBySlotAsync(job, T0.AddSeconds(second)))!.Id;
}
