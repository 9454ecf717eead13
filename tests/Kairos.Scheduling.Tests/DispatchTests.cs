using System.Collections.Concurrent;
using Kairos.Core.Runs;
using Kairos.Scheduling;
using Kairos.Testing;

namespace Kairos.Scheduling.Tests;

/// <summary>The whole node: planning, claiming, executing, completing.</summary>
public class DispatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Scheduler_InjectedClock_StartsEachRunExactlyAtItsSlot()
    {
        var clock = new ManualClock(T0.AddMilliseconds(-300));
        await using var h = await Harness.CreateAsync(clock);
        await h.AddJobAsync("id: tick\nschedule: { cron: '* * * * * *' }\naction: { noop: true }\n");
        var started = new ConcurrentQueue<(Run Run, DateTimeOffset At)>();
        var completed = new SemaphoreSlim(0);
        h.Events.RunStarted += (run, at) => started.Enqueue((run, at));
        h.Events.AttemptCompleted += _ => completed.Release();
        await h.Scheduler.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            // Step the clock in small increments; each slot's run must begin at the slot's instant on that clock.
            for (var step = 0; step < 10; step++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
                await Task.Delay(15); // lets the loops observe the new time; the scheduler itself never sleeps on the real clock
            }
        }
        Assert.True(await WaitUntilAsync(() => started.Count >= 4));
        foreach (var (run, at) in started)
            Assert.Equal(run.SlotTime, at);
        Assert.Equal(started.Count, started.Select(s => s.Run.SlotTime).Distinct().Count());
    }

    [Fact]
    public async Task Scheduler_TwoNodesOneFile_EverySlotRunsOnce()
    {
        var options = new SchedulerOptions { Lookahead = TimeSpan.FromSeconds(1) };
        await using var a = await Harness.CreateAsync(TimeProvider.System, "a", options);
        await using var b = new Harness(a.Path, TimeProvider.System, "b", options);
        for (var j = 0; j < 20; j++) await a.AddJobAsync($"id: job{j}\nschedule: {{ cron: '* * * * * *' }}\naction: {{ noop: true }}\noverlap: allow\n");
        var from = TimeProvider.System.GetUtcNow();
        await Task.WhenAll(a.Scheduler.StartAsync(), b.Scheduler.StartAsync());
        await Task.Delay(TimeSpan.FromSeconds(4));
        await Task.WhenAll(a.Scheduler.StopAsync(), b.Scheduler.StopAsync());
        var runs = new List<Run>();
        for (var j = 0; j < 20; j++) runs.AddRange(await a.Store.Runs.SlotRunsAsync($"job{j}", from, from.AddMinutes(1)));
        Assert.True(runs.Count(r => r.State == RunState.Succeeded) >= 20 * 3, $"only {runs.Count(r => r.State == RunState.Succeeded)} succeeded");
        Assert.Equal(runs.Count, runs.Select(r => (r.JobId, r.SlotTime)).Distinct().Count());
        Assert.All(runs.Where(r => r.State == RunState.Succeeded), r => Assert.Equal(1, r.Attempt));
    }

    [Fact]
    public async Task Command_Timeout_TermThenKillAndRetried()
    {
        await using var h = await Harness.CreateAsync(TimeProvider.System);
        await h.AddJobAsync("""
            id: slow
            action:
              command:
                argv: [sh, -c, "trap '' TERM; echo started; sleep 30"]
                killGrace: 300ms
            timeout: 500ms
            retries: { count: 1, backoff: 100ms }
            """);
        await h.Scheduler.StartAsync();
        var id = await h.Store.Runs.AddRunAsync(new NewRun("slow", null, TriggerKind.Manual, null, TimeProvider.System.GetUtcNow(), RunState.Queued), TimeProvider.System.GetUtcNow());
        h.Scheduler.Wake();
        var run = await WaitForFinalAsync(h, id, TimeSpan.FromSeconds(15));
        Assert.Equal(RunState.TimedOut, run.State);
        Assert.Equal(2, run.Attempt);
        var log = string.Join("\n", (await h.Store.Logs.ReadAsync(id, 0, 100)).Select(l => l.Text));
        Assert.Contains("SIGTERM", log, StringComparison.Ordinal);
        Assert.Contains("SIGKILL", log, StringComparison.Ordinal);
        var events = await h.Store.Runs.EventsAsync(id);
        Assert.Contains(events, e => e.To == RunState.Queued && e.Attempt == 1);
    }

    [Fact]
    public async Task Kill_RunningCommand_KilledAndRecorded()
    {
        await using var h = await Harness.CreateAsync(TimeProvider.System);
        await h.AddJobAsync("id: hang\naction: { command: { argv: [sleep, '60'], killGrace: 2s } }\n");
        var began = ActionBegan(h);
        await h.Scheduler.StartAsync();
        var id = await h.Store.Runs.AddRunAsync(new NewRun("hang", null, TriggerKind.Manual, null, TimeProvider.System.GetUtcNow(), RunState.Queued), TimeProvider.System.GetUtcNow());
        h.Scheduler.Wake();
        Assert.True(await WaitUntilAsync(() => began.ContainsKey(id)));
        Assert.True(h.Scheduler.Kill(id, "alice"));
        var run = await WaitForFinalAsync(h, id, TimeSpan.FromSeconds(10));
        Assert.Equal(RunState.Killed, run.State);
        Assert.Contains("killed by alice", run.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_WhileRunning_RecordedAsKilledWithReason()
    {
        await using var h = await Harness.CreateAsync(TimeProvider.System, options: new SchedulerOptions { ShutdownGrace = TimeSpan.FromMilliseconds(200) });
        await h.AddJobAsync("id: hang\naction: { command: { argv: [sleep, '60'], killGrace: 1s } }\n");
        var began = ActionBegan(h);
        await h.Scheduler.StartAsync();
        var id = await h.Store.Runs.AddRunAsync(new NewRun("hang", null, TriggerKind.Manual, null, TimeProvider.System.GetUtcNow(), RunState.Queued), TimeProvider.System.GetUtcNow());
        h.Scheduler.Wake();
        // Waiting for the claim alone is not enough: a shutdown between claim and start rightly hands the run back.
        Assert.True(await WaitUntilAsync(() => began.ContainsKey(id)));
        await h.Scheduler.StopAsync();
        var run = await h.Store.Runs.GetAsync(id);
        Assert.Equal(RunState.Killed, run!.State);
        Assert.Contains("shut down while it ran", run.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill_RunClaimedAheadOfItsSlot_EndsKilledWithoutRunning()
    {
        await using var h = await Harness.CreateAsync(TimeProvider.System, options: new SchedulerOptions { ClaimAhead = TimeSpan.FromSeconds(5) });
        await h.AddJobAsync("id: later\naction: { command: { argv: [sh, -c, 'echo ran'] } }\n");
        var now = TimeProvider.System.GetUtcNow();
        var id = await h.Store.Runs.AddRunAsync(new NewRun("later", null, TriggerKind.Manual, null, now.AddSeconds(3), RunState.Queued), now);
        await h.Scheduler.StartAsync();
        Assert.True(await WaitUntilAsync(() => h.Scheduler.RunningIds.Contains(id)));
        Assert.True(h.Scheduler.Kill(id, "alice"));
        var run = await WaitForFinalAsync(h, id, TimeSpan.FromSeconds(10));
        Assert.Equal(RunState.Killed, run.State);
        Assert.Equal(0, run.Attempt); // it never began
        Assert.Contains("alice", run.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_RunClaimedAheadOfItsSlot_HandedBackForAnotherNode()
    {
        await using var h = await Harness.CreateAsync(TimeProvider.System, options: new SchedulerOptions { ClaimAhead = TimeSpan.FromSeconds(5) });
        await h.AddJobAsync("id: later\naction: { noop: true }\n");
        var now = TimeProvider.System.GetUtcNow();
        var id = await h.Store.Runs.AddRunAsync(new NewRun("later", null, TriggerKind.Manual, null, now.AddSeconds(3), RunState.Queued), now);
        await h.Scheduler.StartAsync();
        Assert.True(await WaitUntilAsync(() => h.Scheduler.RunningIds.Contains(id)));
        await h.Scheduler.StopAsync();
        var run = await h.Store.Runs.GetAsync(id);
        Assert.Equal(RunState.Queued, run!.State);
        Assert.Equal(0, run.Attempt);
        Assert.Null(run.Node); // the claim went back: any node may take it
    }

    [Fact]
    public async Task Restart_SameNodeWithOrphanedRun_RecordsItAndRetries()
    {
        await using var h = await Harness.CreateAsync(TimeProvider.System, "n1");
        await h.AddJobAsync("id: r\naction: { noop: true }\nretries: { count: 1, backoff: 100ms }\n");
        var now = TimeProvider.System.GetUtcNow();
        var id = await h.Store.Runs.AddRunAsync(new NewRun("r", null, TriggerKind.Manual, null, now, RunState.Queued), now);
        // The node "crashes" right after starting it: the run is running on n1 and nothing executes it.
        var claimed = Assert.Single((await h.Store.Runs.ClaimDueAsync("n1", now, now, TimeSpan.FromMinutes(5), 10)).Claimed);
        Assert.Single(await h.Store.Runs.StartAsync("n1", [claimed], claimed.StartedAt!.Value, TimeSpan.FromMinutes(5)));
        await h.Scheduler.StartAsync();
        var run = await WaitForFinalAsync(h, id, TimeSpan.FromSeconds(10));
        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(2, run.Attempt);
        Assert.Contains(await h.Store.Runs.EventsAsync(id), e => e.Detail?.Contains("restarted while it ran", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task OverlapForbid_LongRunEverySecond_LaterSlotsSkippedAsOverlap()
    {
        await using var h = await Harness.CreateAsync(TimeProvider.System, options: new SchedulerOptions { Lookahead = TimeSpan.FromSeconds(1) });
        await h.AddJobAsync("id: o\nschedule: { cron: '* * * * * *' }\naction: { command: { argv: [sleep, '3'] } }\noverlap: forbid\n");
        var from = TimeProvider.System.GetUtcNow();
        await h.Scheduler.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var runs = await h.Store.Runs.SlotRunsAsync("o", from, from.AddMinutes(1));
        Assert.Contains(runs, r => r.SkipReason == SkipReason.Overlap);
        Assert.True(runs.Count(r => r.State is RunState.Running or RunState.Succeeded) <= 2);
    }

    /// <summary>The runs whose action has begun on this harness's node (a claimed run may still be handed back).</summary>
    private static ConcurrentDictionary<long, bool> ActionBegan(Harness h)
    {
        var began = new ConcurrentDictionary<long, bool>();
        h.Events.RunStarted += (run, _) => began[run.Id] = true;
        return began;
    }

    private static async Task<Run> WaitForFinalAsync(Harness h, long id, TimeSpan limit)
    {
        Run? run = null;
        Assert.True(await WaitUntilAsync(async () => (run = await h.Store.Runs.GetAsync(id))!.State.IsFinal(), limit), $"run {id} is {run?.State}");
        return run!;
    }

    private static Task<bool> WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()), TimeSpan.FromSeconds(10));

    // Polls on the real clock only for observing the system under test, never to drive it.
    [Fact]
    public async Task DeadNodeHeldAClaim_ClaimLapses_AnotherNodeRunsItOnce()
    {
        await using var dead = await Harness.CreateAsync(TimeProvider.System, "dead");
        await dead.AddJobAsync("id: d\naction: { noop: true }\n");
        var now = TimeProvider.System.GetUtcNow();
        var id = await dead.Store.Runs.AddRunAsync(new NewRun("d", null, TriggerKind.Manual, null, now, RunState.Queued), now);
        // The dead node claimed the run and never started it.
        Assert.Single((await dead.Store.Runs.ClaimDueAsync("dead", now, now, TimeSpan.FromSeconds(2), 10)).Claimed);
        await using var live = await Harness.CreateAsync(TimeProvider.System, "live", path: dead.Path);
        await live.Catalog.RefreshAsync();
        await live.Scheduler.StartAsync();
        var run = await WaitForFinalAsync(live, id, TimeSpan.FromSeconds(15));
        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(1, run.Attempt);
        Assert.Equal("live", run.Node);
        Assert.True(run.StartedAt >= now.AddSeconds(2), $"started at {run.StartedAt:O}, before the claim lapsed");
    }

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(20);
        }
        return await condition();
    }
}
