namespace Kairos.Calendars.Tests;

/// <summary>The hand-compiled lists in Data/, read as (date, Korean name) pairs.</summary>
public static class ReferenceLists
{
    public static IReadOnlyList<(DateOnly Date, string NameKo)> Read(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", file))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(','))
            .Select(f => (DateOnly.ParseExact(f[0], "yyyy-MM-dd"), f[1]))
            .ToList();

    public static bool IsWeekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>Weekday public holidays 2013-2026, one per date.</summary>
    public static SortedSet<DateOnly> PublicWeekdayHolidays() =>
        new(Read("kr-public-holidays-2013-2026.csv").Select(x => x.Date).Where(d => !IsWeekend(d)));

    /// <summary>Weekday KRX closing days 2015-2026: the public ones plus the exchange's own.</summary>
    public static SortedSet<DateOnly> ExchangeClosingDays()
    {
        var days = new SortedSet<DateOnly>(PublicWeekdayHolidays().Where(d => d.Year >= 2015));
        days.UnionWith(Read("krx-extra-closing-days-2015-2026.csv").Select(x => x.Date));
        return days;
    }
}
