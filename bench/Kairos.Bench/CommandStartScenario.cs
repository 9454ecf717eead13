using System.Globalization;
using Kairos.Calendars;
using Kairos.Client.Contracts;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Definitions;
using Kairos.Executors;
using Kairos.Scheduling;
using Kairos.Store.Sqlite;
using Kairos.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Bench;

/// <summary>Slot time → the child process running: the child prints its own clock reading as its first act.</summary>
internal static class CommandStartScenario
{
    public static async Task<Dictionary<string, object?>> RunAsync(int jobs, int seconds)
    {
        await using IKairosStore store = SqliteStore.Open(TestServers.NewSqlitePath());
        await store.MigrateAsync();
        var clock = TimeProvider.System;
        var definition = new JobDefinition { Schedule = new() { Cron = "* * * * * *" }, Action = new() { Command = new() { Argv = ["date", "+%s.%N"] } }, Overlap = "allow" };
        for (var i = 0; i < jobs; i++)
        {
            definition.Id = $"cmd{i:D3}";
            await store.Jobs.UpsertAsync(new JobRecord(definition.Id, JobJson.Serialize(definition), "bench", OverlapPolicy.Allow, clock.GetUtcNow()));
        }
        var catalog = new JobCatalog(store, new BuiltInCalendars(), NullLogger<JobCatalog>.Instance);
        await using var scheduler = new KairosScheduler(store, catalog, [new CommandExecutor(clock)], new SchedulerOptions { NodeId = "bench" }, new SchedulerEvents(), clock, NullLogger<KairosScheduler>.Instance);
        await scheduler.StartAsync();
        var start = clock.GetUtcNow();
        var measurement = new Measurement();
        var windowStart = new DateTimeOffset(start.UtcTicks - start.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(3);
        var windowEnd = windowStart.AddSeconds(seconds);
        measurement.SetWindow(windowStart, windowEnd);
        await Task.Delay(windowStart - clock.GetUtcNow());
        measurement.Begin();
        await Task.Delay(windowEnd - clock.GetUtcNow() + TimeSpan.FromSeconds(2));
        await scheduler.StopAsync();
        long runs = 0;
        for (var i = 0; i < jobs; i++)
        {
            foreach (var run in await store.Runs.SlotRunsAsync($"cmd{i:D3}", windowStart, windowEnd))
            {
                var printed = (await store.Logs.ReadAsync(run.Id, 0, 10)).FirstOrDefault(l => l.Stream == LogStream.Stdout);
                if (printed is null) continue;
                runs++;
                var childClock = decimal.Parse(printed.Text, CultureInfo.InvariantCulture);
                measurement.Sample(run.SlotTime!.Value, DateTimeOffset.UnixEpoch.AddTicks((long)(childClock * TimeSpan.TicksPerSecond)));
            }
        }
        var result = measurement.Result("kairos-command-start", "sqlite", jobs, runs, 0, new() { ["command"] = "date +%s.%N", ["measures"] = "slot time to the child's own first clock reading" });
        return result;
    }
}
