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

    /// <summary>
    /// <c>every-day</c> (default), <c>business-days</c>, <c>nth-business-day</c> (with <see cref="N"/>),
    /// <c>last-business-day</c> or <c>business-days-before-month-end</c> (with <see cref="N"/>). All but the first need a calendar.
    /// </summary>
    public string? Days { get; set; }

    /// <summary>
    /// For <c>nth-business-day</c>: 1 is the first business day of the month, -1 the last, -2 the one before the last.
    /// For <c>business-days-before-month-end</c>: how many business days before the month's last business day.
    /// </summary>
    public int? N { get; set; }

    /// <summary>
    /// For <c>business-days</c>: what a slot on a non-business day does: <c>skip</c> (default),
    /// <c>next-business-day</c> or <c>previous-business-day</c> (same wall-clock time on that day).
    /// </summary>
    public string? OnHoliday { get; set; }

    /// <summary>Only slots inside this wall-clock window run.</summary>
    public WindowDefinition? Window { get; set; }

    /// <summary>How a slot's moment becomes its business date; default the calendar's rule.</summary>
    public BusinessDateDefinition? BusinessDate { get; set; }
}

/// <summary>A business-date rule: when the business day starts, and where work on a closed day is booked.</summary>
public sealed class BusinessDateDefinition
{
    /// <summary><c>HH:mm</c>: a slot before this time belongs to the day before (default <c>00:00</c>).</summary>
    public string? NewDayAt { get; set; }

    /// <summary>
    /// Where a slot on a day the calendar closed is booked: <c>next-business-day</c> (default),
    /// <c>previous-business-day</c> or <c>calendar-day</c> (the closed day itself).
    /// </summary>
    public string? ClosedDays { get; set; }
}

/// <summary>A wall-clock window <c>HH:mm</c> to <c>HH:mm</c>, end exclusive; an end before the start spans midnight.</summary>
public sealed class WindowDefinition
{
    /// <summary>Start, inclusive, <c>HH:mm</c>.</summary>
    public string? Start { get; set; }

    /// <summary>End, exclusive, <c>HH:mm</c>.</summary>
    public string? End { get; set; }
}
