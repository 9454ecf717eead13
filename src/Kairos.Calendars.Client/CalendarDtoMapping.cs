namespace Kairos.Calendars.Client;

/// <summary>The one mapping from calendar answers to their wire form, used by the server and by the CLI's local answers.</summary>
public static class CalendarDtoMapping
{
    /// <summary>The kind as the API writes it: <c>fixed</c>, <c>lunar</c>, <c>substitute</c> and so on.</summary>
    public static string ToWire(this HolidayKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>A holiday with its state on <paramref name="calendar"/>.</summary>
    public static HolidayDto ToDto(this Holiday holiday, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(holiday);
        ArgumentNullException.ThrowIfNull(calendar);
        return new(holiday.Date, holiday.Name, holiday.NameKo, holiday.Kind.ToWire(), calendar.IsBusinessDay(holiday.Date), calendar.Weekend.IsWeekend(holiday.Date));
    }

    /// <summary>Whether <paramref name="date"/> is a business day, with its holiday and neighbours.</summary>
    public static BusinessDayDto ToBusinessDayDto(this BusinessCalendar calendar, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return new(calendar.Id, date, calendar.IsBusinessDay(date), calendar.Weekend.IsWeekend(date), calendar.HolidayOn(date)?.ToDto(calendar),
            calendar.PreviousBusinessDay(date), calendar.NextBusinessDay(date));
    }
}
