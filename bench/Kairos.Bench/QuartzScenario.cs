using System.Collections.Concurrent;
using System.Collections.Specialized;
using Quartz;

namespace Kairos.Bench;

/// <summary>The same load on Quartz.NET: N cron triggers firing every second, an empty job recording its lateness.</summary>
internal static class QuartzScenario
{
    public static readonly ConcurrentDictionary<(string Job, long Slot), int> Fired = new();
    public static Measurement Measurement { get; } = new();

    public static async Task<Dictionary<string, object?>> RunAsync(string store, int jobs, int seconds, string? postgres)
    {
        var properties = new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "bench",
            ["quartz.scheduler.instanceId"] = "bench-1",
            ["quartz.threadPool.maxConcurrency"] = "10",
            ["quartz.scheduler.batchTriggerAcquisitionMaxCount"] = "10",
            ["quartz.serializer.type"] = "stj",
        };
        if (store == "postgres")
        {
            properties["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.JobStoreTX, Quartz";
            properties["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.PostgreSQLDelegate, Quartz";
            properties["quartz.jobStore.tablePrefix"] = "qrtz_";
            properties["quartz.jobStore.dataSource"] = "bench";
            properties["quartz.dataSource.bench.connectionString"] = postgres;
            properties["quartz.dataSource.bench.provider"] = "Npgsql";
            properties["quartz.jobStore.schemaProvisioning"] = "CreateIfMissing"; // Quartz creates its own tables in the empty database
        }
        var scheduler = await QuartzSchedulerBuilder.Create(_ => { }).UseProperties(properties).BuildScheduler();
        var all = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>();
        for (var i = 0; i < jobs; i++)
        {
            var job = JobBuilder.Create<BenchJob>().WithIdentity($"job{i:D5}").Build();
            var trigger = TriggerBuilder.Create().WithIdentity($"t{i:D5}").ForJob(job)
                .WithCronSchedule("* * * * * ?", c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)).Build();
            all[job] = [trigger];
        }
        await scheduler.ScheduleJobs(all);
        await scheduler.Start();
        var (_, end) = await BenchJobs.OpenWindowAsync(Measurement, seconds, TimeSpan.FromSeconds(5));
        await BenchJobs.CloseWindowAsync(end);
        await scheduler.Shutdown(waitForJobsToComplete: true);
        var inWindow = Fired.Where(f => Measurement.InWindow(DateTimeOffset.FromUnixTimeMilliseconds(f.Key.Slot))).ToList();
        return Measurement.Result("quartz", store == "postgres" ? "postgres (AdoJobStore)" : "memory (RAMJobStore)", jobs,
            inWindow.Count, inWindow.Sum(f => f.Value - 1),
            new() { ["persisted"] = store == "postgres", ["config"] = "threadPool.maxConcurrency=10, batchTriggerAcquisitionMaxCount=10" });
    }

    private sealed class BenchJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            var now = TimeProvider.System.GetUtcNow();
            var slot = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
            Fired.AddOrUpdate((context.JobDetail.Key.Name, slot.ToUnixTimeMilliseconds()), 1, (_, n) => n + 1);
            Measurement.Sample(slot, now);
            return ValueTask.CompletedTask;
        }
    }
}
