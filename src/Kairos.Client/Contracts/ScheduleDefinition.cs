namespace Kairos.Client.Contracts;

/// <summary>Cron on a time zone's wall clock, a calendar and a day rule, and an optional time window.</summary>
public sealed class ScheduleDefinition
{
    /// <summary>5 fields (minute first) or 6 (second first), or a macro such as <c>@hourly</c>.</summary>
    public string? Cron { get; set; }

    /// <summary>IANA time zone id; default <c>Asia/Seoul</c>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Calendar id such as <c>WEEKDAYS</c>; it names each run's business date.</summary>
    public string? Calendar { get; set; }

    /// <summary><c>every-day</c> (default) or <c>business-days</c> (needs a calendar).</summary>
    public string? Days { get; set; }

    /// <summary>Only slots inside this wall-clock window run.</summary>
    public WindowDefinition? Window { get; set; }
}

/// <summary>A wall-clock window <c>HH:mm</c> to <c>HH:mm</c>, end exclusive; an end before the start spans midnight.</summary>
public sealed class WindowDefinition
{
    /// <summary>Start, inclusive, <c>HH:mm</c>.</summary>
    public string? Start { get; set; }

    /// <summary>End, exclusive, <c>HH:mm</c>.</summary>
    public string? End { get; set; }
}
