namespace Kairos.Calendars;

/// <summary>One day of a month grid.</summary>
public readonly record struct CalendarDay(DateOnly Date, bool IsBusinessDay, bool IsWeekend, Holiday? Holiday);
