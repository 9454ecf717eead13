namespace Kairos.Calendars.Client;

/// <summary>The one mapping from calendar answers to their wire form, used by the server and by the CLI's local answers.</summary>
public static class CalendarDtoMapping
{
    /// <summary>The kind as the API writes it: <c>fixed</c>, <c>lunar</c>, <c>substitute</c> and so on.</summary>
    public static string ToWire(this HolidayKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>A closed-day booking as the API and job files write it: <c>next-business-day</c>.</summary>
    public static string ToWire(this ClosedDayBooking booking) => booking switch
    {
        ClosedDayBooking.NextBusinessDay => "next-business-day",
        ClosedDayBooking.PreviousBusinessDay => "previous-business-day",
        _ => "calendar-day",
    };

    /// <summary>A holiday with its state on <paramref name="calendar"/>.</summary>
    public static HolidayDto ToDto(this Holiday holiday, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(holiday);
        ArgumentNullException.ThrowIfNull(calendar);
        return new(holiday.Date, holiday.Name, holiday.NameKo, holiday.Kind.ToWire(), calendar.IsBusinessDay(holiday.Date), calendar.Weekend.IsWeekend(holiday.Date),
            calendar.LayerOf(holiday.Date)?.CalendarId ?? holiday.Layer);
    }

    /// <summary>A day an override or a rule opened against the weekend rule or a holiday, with the layer that opened it.</summary>
    public static HolidayDto ToOpenedDayDto(this BusinessCalendar calendar, DateOnly date, (string Name, string NameKo)? name = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var (english, korean) = name ?? ("Business day (override)", "영업일(변경)");
        return new(date, english, korean, HolidayKind.Override.ToWire(), true, calendar.Weekend.IsWeekend(date), calendar.LayerOf(date)?.CalendarId);
    }

    /// <summary>Whether <paramref name="date"/> is a business day, with its holiday, neighbours and the layer that decided it.</summary>
    public static BusinessDayDto ToBusinessDayDto(this BusinessCalendar calendar, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var layer = calendar.LayerOf(date);
        return new(calendar.Id, date, calendar.IsBusinessDay(date), calendar.Weekend.IsWeekend(date), calendar.HolidayOn(date)?.ToDto(calendar),
            calendar.PreviousBusinessDay(date), calendar.NextBusinessDay(date), layer?.CalendarId, layer?.Override ?? false);
    }

    /// <summary>One day of a month grid; <paramref name="overridden"/> when an override, here or on a layer below, decides it.</summary>
    public static MonthDayDto ToDto(this CalendarDay day, bool overridden) =>
        new(day.Date, day.IsBusinessDay, day.IsWeekend, day.Holiday?.Name, day.Holiday?.NameKo, day.Holiday?.Kind.ToWire(), overridden, day.Layer?.CalendarId);
}
