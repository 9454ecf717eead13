using Kairos.Core.Jobs;
using Kairos.Core.Runs;

namespace Kairos.Store.Tests;

// Dependency runs created already released, because their dependencies held when their upstream ended: the same one
// run per (job, business date) as runs created waiting, whichever way each node creates it.
public abstract partial class StoreContract
{
    private static (NewRun, string) ReleasedRun(string job, DateOnly date, DateTimeOffset? due = null) =>
        (DependencyRun(job, date, due) with { State = RunState.Scheduled }, $"dependencies met: upstream {date:yyyy-MM-dd}");

    [Fact]
    public async Task AddReleasedDependencyRuns_ClaimableAtOnce_TransitionRecorded()
    {
        await AddJobAsync("a", OverlapPolicy.Allow);
        var ids = await Store.Runs.AddReleasedDependencyRunsAsync([ReleasedRun("a", Day, T0)], T0);

        var run = (await Store.Runs.GetAsync(Assert.Single(ids)))!;
        Assert.Equal((RunState.Scheduled, TriggerKind.Dependency, (string?)null), (run.State, run.Trigger, run.Detail));
        var created = Assert.Single(await Store.Runs.EventsAsync(run.Id));
        Assert.Equal(((RunState?)null, RunState.Scheduled, $"dependencies met: upstream {Day:yyyy-MM-dd}"), (created.From, created.To, created.Detail));
        Assert.Empty(await Store.Runs.DependencyWaitingAsync(T0.AddMinutes(1), 10));
        Assert.Equal(run.Id, Assert.Single((await Store.Runs.ClaimAndStartAsync("n1", T0, T0, Lease, 10)).Claimed).Id);
    }

    [Fact]
    public async Task AddReleasedDependencyRuns_DateAlreadyHasARun_NothingCreatedEitherWay()
    {
        await AddJobAsync("a");
        Assert.Equal(1, await Store.Runs.AddDependencyRunsAsync([DependencyRun("a", Day)], T0));
        Assert.Empty(await Store.Runs.AddReleasedDependencyRunsAsync([ReleasedRun("a", Day)], T0.AddSeconds(1)));
        Assert.Single(await Store.Runs.AddReleasedDependencyRunsAsync([ReleasedRun("a", Day.AddDays(1)), ReleasedRun("a", Day.AddDays(1))], T0.AddSeconds(1)));
        Assert.Equal(0, await Store.Runs.AddDependencyRunsAsync([DependencyRun("a", Day.AddDays(1))], T0.AddSeconds(2)));

        var runs = await Store.Runs.BusinessDateRunsAsync("a", Day, Day.AddDays(1));
        Assert.Equal([(Day, RunState.Waiting), (Day.AddDays(1), RunState.Scheduled)], runs.Select(r => (r.BusinessDate!.Value, r.State)));
    }

    [Fact]
    public async Task AddReleasedDependencyRuns_NotScheduledOrWithSlot_Refused()
    {
        var (run, why) = ReleasedRun("a", Day);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Runs.AddReleasedDependencyRunsAsync([(run with { State = RunState.Waiting }, why)], T0));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Runs.AddReleasedDependencyRunsAsync([(run with { SlotTime = T0 }, why)], T0));
    }

    [Fact]
    public async Task AddDependencyRuns_TwoNodesOneReleasedOneWaiting_OneRunPerJobAndDateStartedOnce()
    {
        var jobs = Enumerable.Range(0, 10).Select(j => $"job{j}").ToList();
        foreach (var job in jobs) await AddJobAsync(job, OverlapPolicy.Allow);
        var dates = Enumerable.Range(0, 10).Select(d => Day.AddDays(d)).ToList();
        var other = SecondNode();
        var counts = await Task.WhenAll(
            Task.Run(async () => (await Store.Runs.AddReleasedDependencyRunsAsync(jobs.SelectMany(j => dates.Select(d => ReleasedRun(j, d, T0))).ToList(), T0)).Count),
            Task.Run(() => other.Runs.AddDependencyRunsAsync(Enumerable.Reverse(jobs).SelectMany(j => dates.Select(d => DependencyRun(j, d))).ToList(), T0)));
        Assert.Equal(100, counts.Sum());

        var all = await Store.Runs.DateStatesAsync(jobs, Day, Day.AddDays(9));
        Assert.Equal(100, all.Select(r => (r.JobId, r.BusinessDate)).Distinct().Count());
        Assert.Equal(100, all.Count);
        var waiting = await Store.Runs.DependencyWaitingAsync(T0.AddMinutes(1), 1000);
        Assert.Equal(counts[1], waiting.Count);
        await Store.Runs.ReleaseWaitingAsync(waiting.Select(r => (r.Id, "upstream done")).ToList(), T0.AddMinutes(1));
        var started = new List<long>();
        for (var claim = await other.Runs.ClaimAndStartAsync("n2", T0.AddMinutes(1), T0.AddMinutes(1), Lease, 1000); claim.Claimed.Count > 0;
             claim = await Store.Runs.ClaimAndStartAsync("n1", T0.AddMinutes(1), T0.AddMinutes(1), Lease, 1000))
            started.AddRange(claim.Claimed.Select(r => r.Id));
        Assert.Equal(100, started.Distinct().Count());
        Assert.Equal(100, started.Count);
    }
}
