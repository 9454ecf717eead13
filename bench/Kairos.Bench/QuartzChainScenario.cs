using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Diagnostics;
using Quartz;
using Quartz.Listeners;

namespace Kairos.Bench;

/// <summary>
/// The peer's nearest feature: Quartz.NET's JobChainingJobListener, which starts the next job once one finishes, in
/// memory (RAMJobStore), with no business date, no condition and nothing persisted. The same C chains of S empty jobs,
/// measured from a job's end (its last statement) to the next job's start.
/// </summary>
internal static class QuartzChainScenario
{
    private static readonly ConcurrentDictionary<string, (long Start, long End, int Count)> Timings = new();

    public static async Task<Dictionary<string, object?>> RunAsync(int chains, int steps)
    {
        var properties = new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "bench-chains",
            ["quartz.threadPool.maxConcurrency"] = "10",
            ["quartz.serializer.type"] = "stj",
        };
        var scheduler = await QuartzSchedulerBuilder.Create(_ => { }).UseProperties(properties).BuildScheduler();
        var chaining = new JobChainingJobListener("chains");
        for (var c = 0; c < chains; c++)
        {
            for (var s = 0; s < steps; s++)
            {
                await scheduler.AddJob(JobBuilder.Create<StepJob>().WithIdentity(ChainFigures.StepId(c, s)).StoreDurably().Build(), new AddJobOptions { Replace = true });
                if (s > 0) chaining.AddJobChainLink(new JobKey(ChainFigures.StepId(c, s - 1)), new JobKey(ChainFigures.StepId(c, s)));
            }
        }
        scheduler.ListenerManager.AddJobListener(chaining);
        await scheduler.Start();
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var c = 0; c < chains; c++) await scheduler.TriggerJob(new JobKey(ChainFigures.StepId(c, 0)));
        var total = chains * steps;
        while (Timings.Count < total && clock.Elapsed < TimeSpan.FromSeconds(60 + total / 20)) await Task.Delay(20);
        var wall = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        await scheduler.Shutdown(waitForJobsToComplete: true);

        var gaps = new List<double>();
        for (var c = 0; c < chains; c++)
        {
            for (var s = 1; s < steps; s++)
            {
                if (Timings.TryGetValue(ChainFigures.StepId(c, s - 1), out var up) && Timings.TryGetValue(ChainFigures.StepId(c, s), out var down))
                    gaps.Add(Stopwatch.GetElapsedTime(up.End, down.Start).TotalMilliseconds);
            }
        }
        return ChainFigures.Result("quartz-chains", "memory (RAMJobStore), JobChainingJobListener", chains, steps, Timings.Count, gaps, Timings.Values.Sum(t => t.Count - 1), wall, cpuSeconds, persisted: false);
    }


    private sealed class StepJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            var start = Stopwatch.GetTimestamp();
            Timings.AddOrUpdate(context.JobDetail.Key.Name, (start, Stopwatch.GetTimestamp(), 1), (_, t) => (t.Start, t.End, t.Count + 1));
            return ValueTask.CompletedTask;
        }
    }
}
