using Kairos.Client;
using Kairos.Core.Runs;
using Kairos.Store.Sqlite;
using Kairos.Testing;

namespace Kairos.EndToEnd.Tests;

/// <summary>A server killed with SIGKILL mid-run, then started again: the store stays consistent and nothing runs twice.</summary>
public class CrashTests
{
    [Fact]
    public async Task ServerKilledMidRun_Restarted_RunRecordedAndNoSlotTwice()
    {
        var data = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        var jobs = Path.Combine(data, "jobs");
        Directory.CreateDirectory(jobs);
        await File.WriteAllTextAsync(Path.Combine(jobs, "tick.yaml"), "id: tick\nschedule: { cron: '* * * * * *' }\naction: { noop: true }\nmisfire: { policy: run-all, catchupWindow: 1m }\n");
        await File.WriteAllTextAsync(Path.Combine(jobs, "long.yaml"), "id: long\naction: { command: { argv: [sleep, '30'] } }\n");

        long longRun;
        await using (var first = await Processes.StartServerAsync(jobs, data, "node-1"))
        {
            using var http = first.Http();
            var client = new KairosClient(http);
            longRun = (await client.TriggerAsync("long", reason: "crash test")).RunId;
            for (var i = 0; i < 100 && (await client.GetRunAsync(longRun)).State != "running"; i++) await Task.Delay(50);
            await Task.Delay(2500);
            await first.CrashAsync();
        }
        await Task.Delay(2000); // downtime: slots come due with no scheduler running

        await using (var second = await Processes.StartServerAsync(jobs, data, "node-1"))
        {
            await Task.Delay(3000);
            await second.StopAsync();
        }

        await using var store = SqliteStore.Open(Path.Combine(data, "kairos.db"));
        var crashed = await store.Runs.GetAsync(longRun);
        Assert.Equal(RunState.Failed, crashed!.State);
        Assert.Contains("restarted while it ran", crashed.Detail, StringComparison.Ordinal);
        var ticks = await store.Runs.SlotRunsAsync("tick", DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddYears(-1));
        Assert.Equal(ticks.Count, ticks.Select(r => r.SlotTime).Distinct().Count());
        Assert.All(ticks, r => Assert.True(r.State.IsFinal() || r.State.IsWaiting(), $"slot {r.SlotTime} left {r.State}"));
        // No slot is lost: every second from the first slot to the last has its row.
        var slots = ticks.Select(r => r.SlotTime!.Value).ToList();
        Assert.Equal((int)(slots[^1] - slots[0]).TotalSeconds + 1, slots.Count);
        // Slots that came due during the downtime ran late under run-all, one after another.
        Assert.Contains(ticks, r => r.State == RunState.Succeeded && r.StartedAt - r.SlotTime > TimeSpan.FromSeconds(1));
        // An overlap skip is only ever for a slot whose instant fell inside another run of the job.
        // A run is running from its claim (its queued-to-running event); StartedAt is when its action began, which for a
        // catch-up run can be a little later on a busy machine.
        var runningFrom = new Dictionary<long, DateTimeOffset?>();
        foreach (var run in ticks) runningFrom[run.Id] = (await store.Runs.EventsAsync(run.Id)).FirstOrDefault(e => e.To == RunState.Running)?.At;
        Assert.All(ticks.Where(r => r.SkipReason == SkipReason.Overlap), skipped => Assert.Contains(ticks, other =>
            runningFrom[other.Id] <= skipped.SlotTime && other.FinishedAt >= skipped.SlotTime));
    }
}
