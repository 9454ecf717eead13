using System.Globalization;
using Kairos.Calendars;
using Kairos.Client.Contracts;
using Kairos.Core.Ports;
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
        var path = TestServers.NewSqlitePath();
        await using IKairosStore store = SqliteStore.Open(path);
        await store.MigrateAsync();
        await BenchJobs.SeedAsync(store, new JobDefinition { Schedule = new() { Cron = "* * * * * *" }, Action = new() { Command = new() { Argv = ["date", "+%s.%N"] } }, Overlap = "allow" }, "cmd", jobs);
        var catalog = new JobCatalog(store, BuiltInCalendars.Default, NullLogger<JobCatalog>.Instance);
        await using var scheduler = new KairosScheduler(store, catalog, [new CommandExecutor(TimeProvider.System, new CommandJournalOptions { Root = path + ".nodes", PollClock = TimeProvider.System })], new SchedulerOptions { NodeId = "bench" }, new SchedulerEvents(), TimeProvider.System, NullLogger<KairosScheduler>.Instance);
        await scheduler.StartAsync();
        var measurement = new Measurement();
        var (start, end) = await BenchJobs.OpenWindowAsync(measurement, seconds, TimeSpan.FromSeconds(3));
        await BenchJobs.CloseWindowAsync(end);
        await scheduler.StopAsync();
        long runs = 0;
        for (var i = 0; i < jobs; i++)
        {
            foreach (var run in await store.Runs.SlotRunsAsync(BenchJobs.Id("cmd", i), start, end))
            {
                var printed = (await store.Logs.ReadAsync(run.Id, 0, 10)).FirstOrDefault(l => l.Stream == LogStream.Stdout);
                if (printed is null) continue;
                runs++;
                var childClock = decimal.Parse(printed.Text, CultureInfo.InvariantCulture);
                measurement.Sample(run.SlotTime!.Value, DateTimeOffset.UnixEpoch.AddTicks((long)(childClock * TimeSpan.TicksPerSecond)));
            }
        }
        return measurement.Result("kairos-command-start", "sqlite", jobs, runs, 0, new() { ["command"] = "date +%s.%N", ["measures"] = "slot time to the child's own first clock reading" });
    }
}
