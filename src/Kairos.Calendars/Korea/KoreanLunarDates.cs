using System.Globalization;

namespace Kairos.Calendars.Korea;

/// <summary>Solar dates of Korean lunar dates, from .NET's <see cref="KoreanLunisolarCalendar"/> (valid to lunar year 2050).</summary>
internal static class KoreanLunarDates
{
    private static readonly KoreanLunisolarCalendar Lunar = new();

    public static int MaxYear => Lunar.MaxSupportedDateTime.Year - 1;

    /// <summary>
    /// The solar date of day <paramref name="day"/> of the ordinary (not leap) lunar month <paramref name="month"/>.
    /// In a year with a leap month, months after it are numbered one higher by the calendar, so the ordinary month's
    /// index moves up when the leap month comes before or right after it.
    /// </summary>
    public static DateOnly ToSolar(int lunarYear, int month, int day)
    {
        var leap = Lunar.GetLeapMonth(lunarYear);
        var index = leap != 0 && leap <= month ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(lunarYear, index, day, 0, 0, 0, 0));
    }

    /// <summary>Lunar new year's day (설날) in solar year <paramref name="year"/>.</summary>
    public static DateOnly NewYear(int year) => ToSolar(year, 1, 1);
}
