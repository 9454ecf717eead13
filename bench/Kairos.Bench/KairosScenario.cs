using Kairos.Calendars;
using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Executors;
using Kairos.Scheduling;
using Kairos.Store.Postgres;
using Kairos.Store.Sqlite;
using Kairos.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Bench;

/// <summary>N jobs each due every second on one Kairos node, every run persisted; lateness is slot → action start.</summary>
internal static class KairosScenario
{
    public static async Task<Dictionary<string, object?>> RunAsync(string store, int jobs, int seconds, string? postgres)
    {
        await using IKairosStore kairos = store == "postgres" ? PostgresStore.Open(postgres!) : SqliteStore.Open(TestServers.NewSqlitePath());
        await kairos.MigrateAsync();
        await BenchJobs.SeedAsync(kairos, new JobDefinition { Schedule = new() { Cron = "* * * * * *" }, Action = new() { Noop = true }, Overlap = "allow" }, "job", jobs);
        var events = new SchedulerEvents();
        var measurement = new Measurement();
        events.RunStarted += (run, at) => measurement.Sample(run.SlotTime!.Value, at);
        var catalog = new JobCatalog(kairos, BuiltInCalendars.Default, NullLogger<JobCatalog>.Instance);
        await using var scheduler = new KairosScheduler(kairos, catalog, [new NoopExecutor()], new SchedulerOptions { NodeId = "bench" }, events, TimeProvider.System, NullLogger<KairosScheduler>.Instance);
        await scheduler.StartAsync();
        var (start, end) = await BenchJobs.OpenWindowAsync(measurement, seconds, TimeSpan.FromSeconds(5));
        await BenchJobs.CloseWindowAsync(end);
        await scheduler.StopAsync();

        long runs = 0, duplicates = 0;
        for (var i = 0; i < jobs; i++)
        {
            var slotRuns = await kairos.Runs.SlotRunsAsync(BenchJobs.Id("job", i), start, end);
            runs += slotRuns.Count(r => r.State == RunState.Succeeded);
            duplicates += slotRuns.Count - slotRuns.Select(r => r.SlotTime).Distinct().Count();
        }
        return measurement.Result("kairos", store, jobs, runs, duplicates, new() { ["persisted"] = true });
    }
}
