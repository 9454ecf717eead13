namespace Kairos.Calendars;

/// <summary>One day of a month grid.</summary>
public readonly record struct CalendarDay(DateOnly Date, bool IsBusinessDay, bool IsWeekend, Holiday? Holiday)
{
    /// <summary>Which layer closed the day, or opened it against the rules; null on an ordinary business day.</summary>
    public DayLayer? Layer { get; init; }
}
