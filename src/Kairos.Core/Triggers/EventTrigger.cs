using Kairos.Calendars;

namespace Kairos.Core.Triggers;

/// <summary>
/// Makes a job run once for each message on <paramref name="Topic"/> whose key and headers match. A pattern is matched
/// whole and may use <c>*</c> for any run of characters (<c>USD*</c>); a missing key or header never matches a pattern.
/// </summary>
public sealed record EventTrigger(string Topic, string? KeyPattern, IReadOnlyDictionary<string, string> HeaderPatterns)
{
    public bool Matches(string? key, Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (KeyPattern is not null && (key is null || !Glob(KeyPattern, key))) return false;
        foreach (var (name, pattern) in HeaderPatterns)
            if (header(name) is not { } value || !Glob(pattern, value)) return false;
        return true;
    }

    /// <summary>
    /// The business date a message's run is for: the <c>kairos-business-date</c> header when the message carries one (a
    /// Kairos job published it for that date, and its answer belongs to the same date), otherwise the business date of
    /// the moment it arrived in <paramref name="zone"/>, by <paramref name="rule"/> on <paramref name="calendar"/> (a
    /// message on Saturday is Monday's business by default; without a calendar, the day it arrived).
    /// </summary>
    public static DateOnly BusinessDateOf(string? businessDateHeader, DateTimeOffset arrivedAt, TimeZoneInfo zone,
        BusinessDateRule? rule = null, ICalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (Runs.BusinessDates.TryParse(businessDateHeader, out var date)) return date;
        return (rule ?? BusinessDateRule.Default).BusinessDateAt(TimeZoneInfo.ConvertTime(arrivedAt, zone).DateTime, calendar);
    }

    /// <summary>Whole-text match where <c>*</c> stands for any run of characters, including none.</summary>
    public static bool Glob(string pattern, string text)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1) return string.Equals(pattern, text, StringComparison.Ordinal);
        if (!text.StartsWith(parts[0], StringComparison.Ordinal) || !text.EndsWith(parts[^1], StringComparison.Ordinal)) return false;
        if (parts[0].Length + parts[^1].Length > text.Length) return false;
        var at = parts[0].Length;
        var end = text.Length - parts[^1].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = text.IndexOf(parts[i], at, end - at, StringComparison.Ordinal);
            if (found < 0) return false;
            at = found + parts[i].Length;
        }
        return true;
    }
}
