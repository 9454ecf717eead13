namespace Kairos.EndToEnd.Tests.Chains;

/// <summary>
/// The effects file a chain's commands append to: one "start" and one "end" line per execution, so a step that ran
/// twice, or began before its upstream ended, shows in the order of the lines.
/// </summary>
internal static class ChainEffects
{
    /// <summary>A step's command: start line, some seconds of work (room to kill a node mid-step), end line; each one O_APPEND write.</summary>
    public static string Command(string file, double seconds) =>
        $"echo \"$KAIROS_JOB_ID $KAIROS_BUSINESS_DATE start\" >> '{file}'; sleep {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}; echo \"$KAIROS_JOB_ID $KAIROS_BUSINESS_DATE end\" >> '{file}'";

    public static IReadOnlyList<string> Read(string file) =>
        File.Exists(file) ? File.ReadAllLines(file).Where(l => l.Length > 0).ToList() : [];

    /// <summary>What the file must hold when each step ran exactly once, strictly after the one before it.</summary>
    public static IReadOnlyList<string> Expected(IEnumerable<string> steps, string businessDate) =>
        steps.SelectMany(s => new[] { $"{s} {businessDate} start", $"{s} {businessDate} end" }).ToList();
}
