namespace Kairos.Bench;

/// <summary>What both chain scenarios report, in the same fields, so Kairos and the peer print side by side.</summary>
internal static class ChainFigures
{
    public static string StepId(int chain, int step) => $"c{chain:D4}-s{step:D2}";

    public static Dictionary<string, object?> Result(string scenario, string store, int chains, int steps, long succeeded,
        IEnumerable<double> gapsMs, long duplicates, double wallSeconds, double cpuSeconds, bool persisted)
    {
        var sorted = gapsMs.Order().ToArray();
        return new Dictionary<string, object?>
        {
            ["scenario"] = scenario,
            ["store"] = store,
            ["chains"] = chains,
            ["steps"] = steps,
            ["runs_succeeded"] = succeeded,
            ["runs_expected"] = chains * steps,
            ["upstream_success_to_downstream_start_p50_ms"] = Measurement.Percentile(sorted, 0.50),
            ["upstream_success_to_downstream_start_p99_ms"] = Measurement.Percentile(sorted, 0.99),
            ["upstream_success_to_downstream_start_max_ms"] = sorted.Length == 0 ? null : Math.Round(sorted[^1], 2),
            ["handoffs"] = sorted.Length,
            ["duplicates"] = duplicates,
            ["total_s"] = Math.Round(wallSeconds, 2),
            ["cpu_s"] = Math.Round(cpuSeconds, 2),
            ["persisted"] = persisted,
        };
    }
}
