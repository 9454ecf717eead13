using System.Globalization;
using Kairos.Client;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Store.Sqlite;
using Kairos.Testing;

namespace Kairos.EndToEnd.Tests;

/// <summary>
/// A server killed with SIGKILL while a command runs, then started again under the same node name: the command is not
/// lost and does not run twice, the store stays consistent, and nothing is left behind.
/// </summary>
public class CrashTests
{
    [Fact]
    public async Task ServerKilledMidRun_Restarted_AdoptsTheCommandAndRecordsItsRealEnd()
    {
        var (jobs, data) = NewFolders();
        await File.WriteAllTextAsync(Path.Combine(jobs, "tick.yaml"), "id: tick\nschedule: { cron: '* * * * * *' }\naction: { noop: true }\nmisfire: { policy: run-all, catchupWindow: 1m }\n");
        await File.WriteAllTextAsync(Path.Combine(jobs, "long.yaml"), "id: long\naction: { command: { argv: [sh, -c, 'echo before; sleep 4; echo after'] } }\nretries: { count: 2, backoff: 1s }\n");

        long longRun;
        await using (var first = await Processes.StartServerAsync(jobs, data, "node-1"))
        {
            var client = new KairosClient(first.Http());
            longRun = (await client.TriggerAsync("long", reason: "crash test")).RunId;
            await WaitForLogAsync(client, longRun, l => l == "before");
            await first.CrashAsync();
        }
        await Task.Delay(1500); // downtime: slots come due with no scheduler running, and the command goes on alone

        await using (var second = await Processes.StartServerAsync(jobs, data, "node-1"))
        {
            var client = new KairosClient(second.Http());
            var run = await WaitForFinalAsync(client, longRun);
            Assert.Equal("succeeded", run.State);
            Assert.Equal(1, run.Attempt);
            var lines = (await client.GetLogsAsync(longRun)).Select(l => l.Text).ToList();
            Assert.Single(lines, l => l == "before");
            Assert.Single(lines, l => l == "after");
            await Task.Delay(1500);
            await second.StopAsync();
        }

        await using var store = SqliteStore.Open(Path.Combine(data, "kairos.db"));
        var ticks = await store.Runs.SlotRunsAsync("tick", DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddYears(-1));
        Assert.Equal(ticks.Count, ticks.Select(r => r.SlotTime).Distinct().Count());
        Assert.All(ticks, r => Assert.True(r.State.IsFinal() || r.State.IsWaiting(), $"slot {r.SlotTime} left {r.State}"));
        // No slot is lost: every second from the first slot to the last has its row.
        var slots = ticks.Select(r => r.SlotTime!.Value).ToList();
        Assert.Equal((int)(slots[^1] - slots[0]).TotalSeconds + 1, slots.Count);
        // Slots that came due during the downtime ran late under run-all.
        Assert.Contains(ticks, r => r.State == RunState.Succeeded && r.StartedAt - r.SlotTime > TimeSpan.FromSeconds(1));
        Assert.Empty(Directory.GetDirectories(Path.Combine(data, "nodes", "node-1", "attempts")));
    }

    [Fact]
    public async Task CommandFinishedWhileItsServerWasDead_Restarted_RecordedSucceededNotRetried()
    {
        var (jobs, data) = NewFolders();
        var effects = Path.Combine(data, "effects.log");
        await File.WriteAllTextAsync(Path.Combine(jobs, "pay.yaml"),
            $"id: pay\naction: {{ command: {{ argv: [sh, -c, 'sleep 1.5; echo paid >> {effects}'] }} }}\nretries: {{ count: 3, backoff: 1s }}\n");

        long run;
        await using (var first = await Processes.StartServerAsync(jobs, data, "node-1"))
        {
            var client = new KairosClient(first.Http());
            run = (await client.TriggerAsync("pay", reason: "crash test")).RunId;
            // Running in the store is written just before the supervisor starts; its first log line says the command began.
            await WaitForLogAsync(client, run, l => l.StartsWith("started pid", StringComparison.Ordinal));
            await first.CrashAsync();
        }
        // The command finishes while no server runs: its supervisor keeps the exit status.
        for (var i = 0; i < 100 && !File.Exists(effects); i++) await Task.Delay(100);
        Assert.True(File.Exists(effects), "the command did not finish on its own");

        await using (var second = await Processes.StartServerAsync(jobs, data, "node-1"))
        {
            var recorded = await WaitForFinalAsync(new KairosClient(second.Http()), run);
            Assert.Equal("succeeded", recorded.State);
            Assert.Equal(1, recorded.Attempt);
            await Task.Delay(3000); // a retry would have come by now
        }
        Assert.Equal(["paid"], await File.ReadAllLinesAsync(effects));
    }

    [Fact]
    public async Task ServerKilledAndNotRestarted_CommandStoppedBySupervisor_NothingLeftBehind()
    {
        var (jobs, data) = NewFolders();
        var marker = "kairos-orphan-" + Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllTextAsync(Path.Combine(jobs, "stuck.yaml"), $"id: stuck\naction: {{ command: {{ argv: [sh, -c, 'sleep 300 & sleep 300; echo {marker}'] }} }}\n");
        long run;
        await using (var first = await Processes.StartServerAsync(jobs, data, "node-1", null, "--Kairos:NodeTimeout=00:00:04"))
        {
            var client = new KairosClient(first.Http());
            run = (await client.TriggerAsync("stuck", reason: "crash test")).RunId;
            await WaitForLogAsync(client, run, l => l.StartsWith("started pid", StringComparison.Ordinal));
            await first.CrashAsync();
        }
        // Half the node timeout after its node went silent, the supervisor kills the command's whole process group.
        var left = int.MaxValue;
        for (var i = 0; i < 150 && left > 0; i++)
        {
            left = ProcessesRunning(marker);
            if (left > 0) await Task.Delay(100);
        }
        Assert.Equal(0, left);
        await using var second = await Processes.StartServerAsync(jobs, data, "node-1");
        var recorded = await WaitForFinalAsync(new KairosClient(second.Http()), run);
        Assert.Equal("failed", recorded.State);
        Assert.Contains("node", recorded.Detail, StringComparison.Ordinal);
    }

    private static (string Jobs, string Data) NewFolders()
    {
        var data = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        var jobs = Path.Combine(data, "jobs");
        Directory.CreateDirectory(jobs);
        return (jobs, data);
    }

    private static async Task WaitForLogAsync(KairosClient client, long run, Func<string, bool> line)
    {
        for (var i = 0; i < 600; i++)
        {
            if ((await client.GetLogsAsync(run)).Any(l => line(l.Text))) return;
            await Task.Delay(50);
        }
        Assert.Fail($"run {run} never printed the line awaited");
    }

    private static async Task<Kairos.Client.Contracts.RunDto> WaitForFinalAsync(KairosClient client, long run)
    {
        for (var i = 0; i < 300; i++)
        {
            var current = await client.GetRunAsync(run);
            if (RunStates.FromWire(current.State).IsFinal()) return current;
            await Task.Delay(100);
        }
        Assert.Fail($"run {run} did not finish");
        return null!;
    }

    private static int ProcessesRunning(string marker) => Directory.EnumerateDirectories("/proc")
        .Where(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        .Count(d =>
        {
            try { return File.ReadAllText(Path.Combine(d, "cmdline")).Contains(marker, StringComparison.Ordinal); }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        });
}
