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
                    After = s == 0 ? null : [new AfterDefinition { Job = ChainFigures.StepId(c, s - 1) }],
                };
                await BenchJobs.SeedOneAsync(store, definition, ChainFigures.StepId(c, s));
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
            await store.Runs.AddRunAsync(new NewRun(ChainFigures.StepId(c, 0), null, TriggerKind.Manual, Day, now, RunState.Queued, RequestedBy: "bench"), now);
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
                var runs = await store.Runs.BusinessDateRunsAsync(ChainFigures.StepId(c, s), Day, Day);
                duplicates += Math.Max(0, runs.Count - 1);
                var run = runs.FirstOrDefault(r => r.State == RunState.Succeeded);
                if (run is null) break;
                succeeded++;
                if (upstream is { FinishedAt: { } done } && run.StartedAt is { } started) gaps.Add((started - done).TotalMilliseconds);
                upstream = run;
            }
        }
        return ChainFigures.Result("kairos-chains", "postgres", chains, steps, succeeded, gaps, duplicates, wall, cpuSeconds, persisted: true);
    }

}
