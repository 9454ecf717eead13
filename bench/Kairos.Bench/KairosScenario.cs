using Kairos.Calendars;
using Kairos.Client.Contracts;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Definitions;
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
        var clock = TimeProvider.System;
        var definition = new JobDefinition { Schedule = new() { Cron = "* * * * * *" }, Action = new() { Noop = true }, Overlap = "allow" };
        for (var i = 0; i < jobs; i++)
        {
            definition.Id = $"job{i:D5}";
            await kairos.Jobs.UpsertAsync(new JobRecord(definition.Id, JobJson.Serialize(definition), "bench", OverlapPolicy.Allow, clock.GetUtcNow()));
        }
        var events = new SchedulerEvents();
        var measurement = new Measurement();
        events.RunStarted += (run, at) => measurement.Sample(run.SlotTime!.Value, at);
        var catalog = new JobCatalog(kairos, new BuiltInCalendars(), NullLogger<JobCatalog>.Instance);
        await using var scheduler = new KairosScheduler(kairos, catalog, [new NoopExecutor()], new SchedulerOptions { NodeId = "bench" }, events, clock, NullLogger<KairosScheduler>.Instance);
        await scheduler.StartAsync();
        var start = clock.GetUtcNow();
        var windowStart = new DateTimeOffset(start.UtcTicks - start.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(5);
        var windowEnd = windowStart.AddSeconds(seconds);
        measurement.SetWindow(windowStart, windowEnd);
        await Task.Delay(windowStart - clock.GetUtcNow());
        measurement.Begin();
        await Task.Delay(windowEnd - clock.GetUtcNow() + TimeSpan.FromSeconds(2));
        await scheduler.StopAsync();

        long runs = 0, duplicates = 0;
        for (var i = 0; i < jobs; i++)
        {
            var slotRuns = await kairos.Runs.SlotRunsAsync($"job{i:D5}", windowStart, windowEnd);
            runs += slotRuns.Count(r => r.State == Core.Runs.RunState.Succeeded);
            duplicates += slotRuns.Count - slotRuns.Select(r => r.SlotTime).Distinct().Count();
        }
        return measurement.Result("kairos", store, jobs, runs, duplicates, new() { ["persisted"] = true });
    }
}
