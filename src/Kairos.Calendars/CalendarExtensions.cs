using System.Globalization;

namespace Kairos.Calendars;

/// <summary>Business-day arithmetic over any <see cref="ICalendar"/>; fast when it is a <see cref="BusinessCalendar"/>.</summary>
public static class CalendarExtensions
{
    private const int MaxSearchDays = 3660;
    private static readonly DateTimeFormatInfo KoreanDays = CultureInfo.GetCultureInfo("ko-KR").DateTimeFormat;

    /// <summary>The first business day strictly after <paramref name="day"/>.</summary>
    public static DateOnly NextBusinessDay(this ICalendar calendar, DateOnly day) =>
        calendar is BusinessCalendar fast ? fast.NextBusinessDay(day) : Step(calendar, day, 1);

    /// <summary>The last business day strictly before <paramref name="day"/>.</summary>
    public static DateOnly PreviousBusinessDay(this ICalendar calendar, DateOnly day) =>
        calendar is BusinessCalendar fast ? fast.PreviousBusinessDay(day) : Step(calendar, day, -1);

    /// <summary>
    /// Why <paramref name="day"/> is closed, in both languages: "Chuseok (추석)" in English (both names, as operators
    /// search for either) and "추석" in Korean; the weekday for a plain weekend day; null on a business day. Callers
    /// keep both, so the reader's language is chosen where the text is shown.
    /// </summary>
    public static (string English, string Korean)? NonBusinessDayNames(this ICalendar calendar, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (calendar.IsBusinessDay(day)) return null;
        if (calendar.HolidayOn(day) is { } h) return (h.Name == h.NameKo ? h.Name : $"{h.Name} ({h.NameKo})", h.NameKo);
        return (day.DayOfWeek.ToString(), KoreanDays.GetDayName(day.DayOfWeek));
    }

    /// <summary>Why <paramref name="day"/> is closed, in the current UI culture (see <see cref="NonBusinessDayNames"/>).</summary>
    public static string? DescribeNonBusinessDay(this ICalendar calendar, DateOnly day) =>
        calendar.NonBusinessDayNames(day) is { } names
            ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ko" ? names.Korean : names.English
            : null;

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
