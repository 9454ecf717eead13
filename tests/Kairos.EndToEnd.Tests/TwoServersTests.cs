using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Store.Postgres;
using Kairos.Store.Sqlite;
using Kairos.Testing;

namespace Kairos.EndToEnd.Tests;

/// <summary>Two server processes on one store, under load: every (job, slot) has exactly one run.</summary>
public class TwoServersTests
{
    private const int Jobs = 50;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task TwoServers_OneSqliteFile_NoDuplicateSlot()
    {
        var data = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        await RunTwoServersAsync(data, null);
        await using var store = SqliteStore.Open(Path.Combine(data, "kairos.db"));
        await AssertEverySlotOnceAsync(store);
    }

    [Fact]
    public async Task TwoServers_OnePostgres_NoDuplicateSlot()
    {
        var postgres = TestServers.NewPostgresDatabase();
        await RunTwoServersAsync(Path.GetDirectoryName(TestServers.NewSqlitePath())!, postgres);
        await using var store = PostgresStore.Open(postgres);
        await AssertEverySlotOnceAsync(store);
    }

    private static async Task RunTwoServersAsync(string data, string? postgres)
    {
        var jobs = Path.Combine(data, "jobs");
        Directory.CreateDirectory(jobs);
        for (var j = 0; j < Jobs; j++)
            await File.WriteAllTextAsync(Path.Combine(jobs, $"j{j}.yaml"), $"id: j{j}\nschedule: {{ cron: '* * * * * *' }}\naction: {{ noop: true }}\noverlap: allow\n");
        // The first server migrates and loads the jobs; the second joins a store that already has them.
        await using var a = await Processes.StartServerAsync(jobs, data, "node-a", postgres);
        await using var b = await Processes.StartServerAsync(jobs, data, "node-b", postgres);
        await Task.Delay(Duration);
        await Task.WhenAll(a.StopAsync(), b.StopAsync());
    }

    private static async Task AssertEverySlotOnceAsync(IKairosStore store)
    {
        var all = new List<Run>();
        var from = DateTimeOffset.UnixEpoch;
        for (var j = 0; j < Jobs; j++) all.AddRange(await store.Runs.SlotRunsAsync($"j{j}", from, DateTimeOffset.MaxValue.AddYears(-1)));
        var succeeded = all.Where(r => r.State == RunState.Succeeded).ToList();
        Assert.True(succeeded.Count >= Jobs * 4, $"only {succeeded.Count} runs succeeded");
        Assert.Equal(all.Count, all.Select(r => (r.JobId, r.SlotTime)).Distinct().Count());
        Assert.All(succeeded, r => Assert.Equal(1, r.Attempt));
    }
}
