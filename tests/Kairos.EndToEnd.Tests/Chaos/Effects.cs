using System.Globalization;

namespace Kairos.EndToEnd.Tests.Chaos;

/// <summary>One line a chaos job's command appended when it did its work: the effect the test counts.</summary>
internal sealed record Effect(string JobId, DateTimeOffset Slot, int Attempt, long RunId, DateTimeOffset At)
{
    /// <summary>The command each chaos job runs: work for a moment, then append its line (one write, O_APPEND).</summary>
    public static string Command(string file) =>
        $"sleep 0.3; echo \"$KAIROS_JOB_ID $KAIROS_SLOT_TIME $KAIROS_ATTEMPT $KAIROS_RUN_ID $(date +%s%3N)\" >> '{file}'";

    public static IReadOnlyList<Effect> Read(string file) => File.Exists(file)
        ? File.ReadAllLines(file).Where(l => l.Length > 0).Select(Parse).ToList()
        : [];

    private static Effect Parse(string line)
    {
        var f = line.Split(' ');
        return new Effect(f[0], DateTimeOffset.Parse(f[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), int.Parse(f[2], CultureInfo.InvariantCulture),
            long.Parse(f[3], CultureInfo.InvariantCulture), DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(f[4], CultureInfo.InvariantCulture)));
    }
}
