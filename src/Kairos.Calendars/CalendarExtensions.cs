namespace Kairos.Calendars;

/// <summary>Business-day arithmetic over any <see cref="ICalendar"/>.</summary>
public static class CalendarExtensions
{
    // Any real calendar has a business day within a few weeks; a calendar with none is a configuration error.
    private const int MaxSearchDays = 3660;

    /// <summary>The first business day strictly after <paramref name="day"/>.</summary>
    public static DateOnly NextBusinessDay(this ICalendar calendar, DateOnly day) => Step(calendar, day, 1);

    /// <summary>The last business day strictly before <paramref name="day"/>.</summary>
    public static DateOnly PreviousBusinessDay(this ICalendar calendar, DateOnly day) => Step(calendar, day, -1);

    private static DateOnly Step(ICalendar calendar, DateOnly day, int direction)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        for (var i = 1; i <= MaxSearchDays; i++)
        {
            var candidate = day.AddDays(direction * i);
            if (calendar.IsBusinessDay(candidate)) return candidate;
        }
        throw new InvalidOperationException($"Calendar '{calendar.Id}' has no business day within {MaxSearchDays} days of {day:yyyy-MM-dd}.");
    }
}
