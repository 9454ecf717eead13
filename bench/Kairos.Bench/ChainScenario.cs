using System.Diagnostics;
using Kairos.Calendars;
using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Executors;
using Kairos.Scheduling;
using Kairos.Store.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Bench;

/// <summary>
/// C chains of S noop steps for one business date on one Kairos node over PostgreSQL: every root is started at once,
/// each later step runs after the one before it (<c>after</c>), every run persisted. Measures, per step, the time from
/// its upstream's success as the store recorded it to the step's start as the store recorded it.
/// </summary>
internal static class ChainScenario
{
    private static readonly DateOnly Day = new(2026, 11, 30);

    public static async Task<Dictionary<string, object?>> RunAsync(int chains, int steps, string postgres)
    {
        await using IKairosStore store = PostgresStore.Open(postgres);
        await store.MigrateAsync();
        for (var c = 0; c < chains; c++)
        {
            for (var s = 0; s < steps; s++)
            {
                var definition = new JobDefinition
                {
                    Action = new() { Noop = true },
                    After = s == 0 ? null : [new AfterDefinition { Job = StepId(c, s - 1) }],
                };
                await BenchJobs.SeedOneAsync(store, definition, StepId(c, s));
            }
        }
        var catalog = new JobCatalog(store, BuiltInCalendars.Default, NullLogger<JobCatalog>.Instance);
        var events = new SchedulerEvents();
        var succeededNow = 0;
        events.AttemptCompleted += completion => { if (completion.State == RunState.Succeeded) Interlocked.Increment(ref succeededNow); };
        await using var scheduler = new KairosScheduler(store, catalog, [new NoopExecutor()], new SchedulerOptions { NodeId = "bench" },
            events, TimeProvider.System, NullLogger<KairosScheduler>.Instance);
        await scheduler.StartAsync();

        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var now = TimeProvider.System.GetUtcNow();
        for (var c = 0; c < chains; c++)
            await store.Runs.AddRunAsync(new NewRun(StepId(c, 0), null, TriggerKind.Manual, Day, now, RunState.Queued, RequestedBy: "bench"), now);
        scheduler.Wake();
        var total = chains * steps;
        var deadline = TimeSpan.FromSeconds(60 + total / 20);
        while (Volatile.Read(ref succeededNow) < total && clock.Elapsed < deadline) await Task.Delay(10);
        var wall = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        await scheduler.StopAsync();

        var gaps = new List<double>();
        long duplicates = 0, succeeded = 0;
        for (var c = 0; c < chains; c++)
        {
            Run? upstream = null;
            for (var s = 0; s < steps; s++)
            {
                var runs = await store.Runs.BusinessDateRunsAsync(StepId(c, s), Day, Day);
                duplicates += Math.Max(0, runs.Count - 1);
                var run = runs.FirstOrDefault(r => r.State == RunState.Succeeded);
                if (run is null) break;
                succeeded++;
                if (upstream is { FinishedAt: { } done } && run.StartedAt is { } started) gaps.Add((started - done).TotalMilliseconds);
                upstream = run;
            }
        }
        var sorted = gaps.Order().ToArray();
        return new Dictionary<string, object?>
        {
            ["scenario"] = "kairos-chains",
            ["store"] = "postgres",
            ["chains"] = chains,
            ["steps"] = steps,
            ["runs_succeeded"] = succeeded,
            ["runs_expected"] = total,
            ["upstream_success_to_downstream_start_p50_ms"] = Measurement.Percentile(sorted, 0.50),
            ["upstream_success_to_downstream_start_p99_ms"] = Measurement.Percentile(sorted, 0.99),
            ["upstream_success_to_downstream_start_max_ms"] = sorted.Length == 0 ? null : Math.Round(sorted[^1], 2),
            ["handoffs"] = sorted.Length,
            ["duplicates"] = duplicates,
            ["total_s"] = Math.Round(wall, 2),
            ["cpu_s"] = Math.Round(cpuSeconds, 2),
            ["persisted"] = true,
        };
    }

    private static string StepId(int chain, int step) => $"c{chain:D4}-s{step:D2}";
}
