using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Kairos.Bench;

/// <summary>Lateness samples and process cost over a measurement window, printed as one JSON line.</summary>
internal sealed class Measurement
{
    private readonly ConcurrentBag<double> _latenessMs = [];
    private TimeSpan _cpuStart;
    private long _started;

    public DateTimeOffset WindowStart { get; private set; } = DateTimeOffset.MaxValue;
    public DateTimeOffset WindowEnd { get; private set; } = DateTimeOffset.MaxValue;

    /// <summary>Set before the window opens, so the first slot's runs are not missed by a race with <see cref="Begin"/>.</summary>
    public void SetWindow(DateTimeOffset windowStart, DateTimeOffset windowEnd) => (WindowStart, WindowEnd) = (windowStart, windowEnd);

    /// <summary>Starts counting CPU, when the window opens.</summary>
    public void Begin()
    {
        _cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        _started = Stopwatch.GetTimestamp();
    }

    public bool InWindow(DateTimeOffset slot) => slot >= WindowStart && slot < WindowEnd;

    public void Sample(DateTimeOffset slot, DateTimeOffset started)
    {
        if (InWindow(slot)) _latenessMs.Add((started - slot).TotalMilliseconds);
    }

    public Dictionary<string, object?> Result(string scenario, string store, int jobs, long runsInWindow, long duplicates, Dictionary<string, object?>? extra = null)
    {
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - _cpuStart).TotalSeconds;
        var seconds = (WindowEnd - WindowStart).TotalSeconds;
        var sorted = _latenessMs.Order().ToArray();
        var result = new Dictionary<string, object?>
        {
            ["scenario"] = scenario,
            ["store"] = store,
            ["jobs"] = jobs,
            ["window_s"] = seconds,
            ["expected_runs_per_s"] = jobs,
            ["achieved_runs_per_s"] = Math.Round(runsInWindow / seconds, 1),
            ["runs_in_window"] = runsInWindow,
            ["lateness_samples"] = sorted.Length,
            ["lateness_p50_ms"] = Percentile(sorted, 0.50),
            ["lateness_p99_ms"] = Percentile(sorted, 0.99),
            ["lateness_max_ms"] = sorted.Length == 0 ? null : Math.Round(sorted[^1], 2),
            ["duplicates"] = duplicates,
            ["cpu_s"] = Math.Round(cpu, 2),
            ["cpu_s_per_1000_runs"] = runsInWindow == 0 ? null : Math.Round(cpu / runsInWindow * 1000, 3),
            ["peak_memory_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
            ["wall_s"] = Math.Round(Stopwatch.GetElapsedTime(_started).TotalSeconds, 1),
        };
        foreach (var (k, v) in extra ?? []) result[k] = v;
        return result;
    }

    public static string Json(Dictionary<string, object?> result) => JsonSerializer.Serialize(result);

    internal static double? Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? null : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 2);
}
