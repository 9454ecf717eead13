using System.Globalization;
using System.Text.Json;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Store.Postgres;
using Kairos.Store.Sqlite;
using Kairos.Testing;
using Xunit.Abstractions;

namespace Kairos.EndToEnd.Tests.Chaos;

/// <summary>
/// Servers on one store, killed with SIGKILL at random and started again, while command jobs append one line per
/// execution to a file: every slot has its record, no slot's command ran twice, no run that did its work is recorded
/// failed, no process is left behind, and the live nodes never stop running jobs for long. The same scenario runs
/// longer from bench/chaos.sh (KAIROS_CHAOS_SECONDS, KAIROS_CHAOS_JOBS).
/// </summary>
[Collection("chaos")]
public class ChaosTests(ITestOutputHelper output)
{
    private readonly ChaosSettings _settings = ChaosSettings.FromEnvironment();

    [Fact]
    public async Task ThreeServersOnPostgres_KilledAtRandom_EveryEffectOnce()
    {
        // The long version takes PostgreSQL away once, half-way: a server of its own, so no other test feels it.
        using var own = _settings.PostgresOutage > TimeSpan.Zero ? new StoppablePostgres() : null;
        var outage = own is null ? null : (Func<Task<(DateTimeOffset, DateTimeOffset)>>)(async () =>
        {
            var from = DateTimeOffset.UtcNow;
            own.Stop();
            await Task.Delay(_settings.PostgresOutage);
            own.Start();
            return (from, DateTimeOffset.UtcNow);
        });
        await RunAsync("postgres", 3, own?.ConnectionString ?? TestServers.NewPostgresDatabase(), outage);
    }

    [Fact]
    public Task TwoServersOnOneSqliteFile_KilledAtRandom_EveryEffectOnce() => RunAsync("sqlite", 2, null, null);

    private async Task RunAsync(string storeName, int nodeCount, string? postgres, Func<Task<(DateTimeOffset, DateTimeOffset)>>? postgresOutage)
    {
        var settings = _settings;
        var root = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        var jobs = Path.Combine(root, "jobs");
        var effects = Path.Combine(root, "effects.log");
        Directory.CreateDirectory(jobs);
        for (var j = 0; j < settings.Jobs; j++)
        {
            await File.WriteAllTextAsync(Path.Combine(jobs, $"c{j}.yaml"),
                $"id: c{j}\nschedule: {{ cron: '* * * * * *' }}\naction: {{ command: {{ argv: [sh, -c, {JsonSerializer.Serialize(Effect.Command(effects))}] }} }}\n" +
                "retries: { count: 2, backoff: 1s }\nmisfire: { policy: run-all, catchupWindow: 10m }\n");
        }
        // The first node creates the store's schema and the admin; the others join it.
        await Processes.AdminTokenAsync(postgres is null ? root : Path.Combine(root, "n1"), postgres);
        var nodes = Enumerable.Range(1, nodeCount).Select(i => new ChaosNode($"chaos-n{i}", TestServers.FreePort(), jobs,
            postgres is null ? root : Path.Combine(root, $"n{i}"), postgres)).ToList();
        foreach (var node in nodes) await node.StartAsync();

        var random = new Random(settings.Seed);
        var kills = new List<(string Node, DateTimeOffset At)>();
        int[] exitCodes = [];
        (DateTimeOffset, DateTimeOffset)? outageWindow = null;
        var end = DateTimeOffset.UtcNow + settings.Duration;
        // The nodes pause during the outage and carry on by themselves.
        var outage = OutageHalfWayAsync();
        async Task<(DateTimeOffset, DateTimeOffset)?> OutageHalfWayAsync()
        {
            if (postgresOutage is null) return null;
            await Task.Delay(settings.Duration / 2);
            return await postgresOutage();
        }
        try
        {
            while (DateTimeOffset.UtcNow < end)
            {
                await Task.Delay(TimeSpan.FromSeconds(6 + random.NextDouble() * 6));
                var victim = nodes[random.Next(nodes.Count)];
                await victim.KillAsync();
                kills.Add((victim.Id, DateTimeOffset.UtcNow));
                await Task.Delay(TimeSpan.FromSeconds(1 + random.NextDouble() * 2));
                await victim.StartAsync();
            }
        }
        finally
        {
            outageWindow = await outage;
            exitCodes = await Task.WhenAll(nodes.Select(n => n.StopAsync()));
        }

        await using IKairosStore store = postgres is null ? SqliteStore.Open(Path.Combine(root, "kairos.db")) : PostgresStore.Open(postgres);
        var report = await ChaosReport.BuildAsync(store, settings.Jobs, Effect.Read(effects), kills, effects, outageWindow);
        var json = JsonSerializer.Serialize(new { bench = "chaos", store = storeName, nodes = nodeCount, settings.Jobs, seconds = settings.Duration.TotalSeconds, postgresOutageSeconds = settings.PostgresOutage.TotalSeconds, report.Kills, report.Slots, report.Executions, report.DoubleExecutions, report.SlotsWithoutRecord, report.FailedButCompleted, report.Orphans, report.LongestGapSeconds, report.LongestGapAt, report.PauseAcrossOutageSeconds, report.StillRunning });
        output.WriteLine(json);
        if (Environment.GetEnvironmentVariable("KAIROS_CHAOS_REPORT") is { Length: > 0 } file) await File.AppendAllTextAsync(file, json + "\n");
        var logs = string.Join("\n", nodes.Select(n => $"===== {n.Id}\n{n.Log}"));
        Assert.True(report.Kills > 0, "no node was killed");
        Assert.True(report.DoubleExecutions.Count == 0, $"{json}\ncommands that ran twice for one slot: {string.Join(", ", report.DoubleExecutions)}\n{Tail(logs)}");
        Assert.True(report.SlotsWithoutRecord.Count == 0, $"{json}\nslots with no run: {string.Join(", ", report.SlotsWithoutRecord)}");
        Assert.True(report.FailedButCompleted.Count == 0, $"{json}\nruns recorded failed whose command completed: {string.Join(", ", report.FailedButCompleted)}\n{Tail(logs)}");
        Assert.True(exitCodes.All(c => c == 0), $"{json}\na node's graceful stop exited {string.Join(", ", exitCodes)}\n{Tail(logs)}");
        Assert.True(report.StillRunning.Count == 0, $"{json}\nruns left running after every node stopped: {string.Join(", ", report.StillRunning)}\n{Tail(logs)}");
        Assert.True(report.Orphans == 0, $"{json}\nprocesses left behind");
        Assert.True(report.LongestGapSeconds <= 5, $"{json}\nthe live nodes ran nothing for {report.LongestGapSeconds:0.0}s\n{Tail(logs)}");
    }

    private static string Tail(string text) => text.Length > 20_000 ? text[^20_000..] : text;
}

internal sealed record ChaosSettings(TimeSpan Duration, int Jobs, int Seed, TimeSpan PostgresOutage)
{
    public static ChaosSettings FromEnvironment() => new(
        TimeSpan.FromSeconds(Number("KAIROS_CHAOS_SECONDS", 40)),
        (int)Number("KAIROS_CHAOS_JOBS", 8),
        (int)Number("KAIROS_CHAOS_SEED", Environment.TickCount),
        TimeSpan.FromSeconds(Number("KAIROS_CHAOS_POSTGRES_OUTAGE_SECONDS", 0)));

    private static double Number(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

[CollectionDefinition("chaos", DisableParallelization = true)]
public sealed class ChaosCollection;
