using System.Globalization;
using System.Text.RegularExpressions;

namespace Kairos.Definitions;

/// <summary>Parses <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>2d</c>, combinations such as <c>1m30s</c>, or <c>hh:mm:ss</c>.</summary>
public static partial class Durations
{
    public static bool TryParse(string? text, out TimeSpan value) => TryParse(text, out value, out _);

    /// <summary>
    /// Like <see cref="TryParse(string?, out TimeSpan)"/>, and says whether a well-formed text failed only because it
    /// is longer than <see cref="TimeSpan.MaxValue"/>. Never throws, whatever the input.
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan value, out bool overflow)
    {
        value = TimeSpan.Zero;
        overflow = false;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
        var matches = Part().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text) return false;
        // Summed in double milliseconds, which cannot overflow (a huge number reads as infinity), and compared
        // against the largest TimeSpan before converting, since TimeSpan.From* throws past it.
        var milliseconds = 0.0;
        foreach (Match m in matches)
            milliseconds += double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * UnitMilliseconds(m.Groups[2].Value);
        overflow = !(milliseconds < LongestMilliseconds);
        if (overflow) return false;
        value = TimeSpan.FromTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond));
        return true;
    }

    // A margin below TimeSpan.MaxValue, so rounding in the conversion never reaches it.
    private static readonly double LongestMilliseconds = TimeSpan.MaxValue.TotalMilliseconds / 2;

    private static double UnitMilliseconds(string unit) => unit switch
    {
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        _ => 86_400_000,
    };

    public static string Format(TimeSpan value) =>
        value.TotalMilliseconds < 1000 ? $"{value.TotalMilliseconds:0}ms"
        : value.TotalSeconds < 60 ? $"{value.TotalSeconds:0.###}s"
        : value.TotalMinutes < 60 ? $"{value.TotalMinutes:0.##}m"
        : value.TotalHours < 24 || value.Ticks % TimeSpan.TicksPerDay != 0 ? $"{value.TotalHours:0.##}h"
        : $"{value.TotalDays:0}d";

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h|d)")]
    private static partial Regex Part();
}
