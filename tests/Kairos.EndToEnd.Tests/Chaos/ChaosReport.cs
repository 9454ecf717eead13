using System.Globalization;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.EndToEnd.Tests.Chaos;

/// <summary>What a chaos run did to the world (the effects file, the processes) and what the store says of it.</summary>
internal sealed record ChaosReport(
    int Kills, int Slots, int Executions, List<string> DoubleExecutions, List<string> SlotsWithoutRecord,
    List<string> FailedButCompleted, List<string> StillRunning, int Orphans, double LongestGapSeconds, string LongestGapAt, double PauseAcrossOutageSeconds)
{
    public static async Task<ChaosReport> BuildAsync(IKairosStore store, int jobs, IReadOnlyList<Effect> effects, List<(string Node, DateTimeOffset At)> kills, string marker, (DateTimeOffset From, DateTimeOffset To)? outage)
    {
        var runs = new List<Run>();
        for (var j = 0; j < jobs; j++) runs.AddRange(await store.Runs.SlotRunsAsync($"c{j}", DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddYears(-1)));
        var bySlot = runs.ToDictionary(r => (r.JobId, r.SlotTime!.Value));

        var doubles = effects.GroupBy(e => (e.JobId, e.Slot)).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.JobId}@{g.Key.Slot:HH:mm:ss} x{g.Count()} (attempts {string.Join("/", g.Select(e => e.Attempt))})").ToList();
        var missing = new List<string>();
        foreach (var job in runs.GroupBy(r => r.JobId))
        {
            var slots = job.Select(r => r.SlotTime!.Value).Order().ToList();
            for (var t = slots[0]; t <= slots[^1]; t = t.AddSeconds(1))
                if (!bySlot.ContainsKey((job.Key, t))) missing.Add($"{job.Key}@{t:HH:mm:ss}");
        }
        var failedButDone = effects.Where(e => bySlot.TryGetValue((e.JobId, e.Slot), out var run) && run.State != RunState.Succeeded)
            .Select(e => $"{e.JobId}@{e.Slot:HH:mm:ss} recorded {bySlot[(e.JobId, e.Slot)].State.ToWire()}: {bySlot[(e.JobId, e.Slot)].Detail}").ToList();
        var stillRunning = runs.Where(r => r.State == RunState.Running).Select(r => $"{r.JobId}@{r.SlotTime:HH:mm:ss} on {r.Node}").ToList();

        // The longest stretch without any execution, from the first kill to the last execution. While the store is away
        // nothing can start (a start is recorded first): the pause across an outage is reported on its own.
        var times = effects.Select(e => e.At).Order().ToList();
        var from = kills.Count > 0 ? kills[0].At : times.FirstOrDefault();
        var gap = TimeSpan.Zero;
        var acrossOutage = TimeSpan.Zero;
        var gapAt = from;
        var previous = from;
        foreach (var t in times.Where(t => t >= from))
        {
            if (outage is { } o && previous <= o.To && t >= o.From)
            {
                if (t - previous > acrossOutage) acrossOutage = t - previous;
            }
            else if (t - previous > gap)
            {
                (gap, gapAt) = (t - previous, previous);
            }
            previous = t;
        }
        return new ChaosReport(kills.Count, runs.Count, effects.Count, doubles, missing, failedButDone, stillRunning, await OrphansAsync(marker), gap.TotalSeconds,
            $"{gapAt:HH:mm:ss.fff} (kills at {string.Join(", ", kills.Select(k => $"{k.Node} {k.At:HH:mm:ss.fff}"))})", acrossOutage.TotalSeconds);
    }

    // Processes still running a chaos job's command (their command line names the effects file) after every node
    // stopped. A few seconds are allowed for the last ones to exit.
    private static async Task<int> OrphansAsync(string marker)
    {
        for (var i = 0; ; i++)
        {
            var count = 0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out _)) continue;
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(marker, StringComparison.Ordinal)) count++;
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            if (count == 0 || i >= 20) return count;
            await Task.Delay(500);
        }
    }
}
