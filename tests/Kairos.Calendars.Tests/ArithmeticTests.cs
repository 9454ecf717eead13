namespace Kairos.Calendars.Tests;

/// <summary>The precomputed answers against a day-by-day walk that is obviously right.</summary>
public class ArithmeticTests
{
    private static readonly BusinessCalendar Krx = BuiltInCalendars.Default.Get("KRX")!;

    private static DateOnly NaiveAdd(ICalendar c, DateOnly day, int n)
    {
        if (n == 0) { while (!c.IsBusinessDay(day)) day = day.AddDays(1); return day; }
        var step = Math.Sign(n);
        for (var left = Math.Abs(n); left > 0;) { day = day.AddDays(step); if (c.IsBusinessDay(day)) left--; }
        return day;
    }

    [Fact]
    public void AddBusinessDays_AgreesWithAWalk_OnRandomDates()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 20_000; i++)
        {
            var day = new DateOnly(1990, 1, 1).AddDays(random.Next(0, 61 * 365));
            var n = random.Next(-40, 41);
            Assert.Equal(NaiveAdd(Krx, day, n), Krx.AddBusinessDays(day, n));
        }
    }

    [Fact]
    public void Arithmetic_IsRightOutsideThePrecomputedRange()
    {
        var early = new DateOnly(1949, 12, 30); // a Friday, just before the range
        Assert.Equal(NaiveAdd(Krx, early, 3), Krx.AddBusinessDays(early, 3));
        var late = new DateOnly(2100, 12, 30);
        Assert.Equal(NaiveAdd(Krx, late, 5), Krx.AddBusinessDays(late, 5));
        Assert.Equal(NaiveAdd(Krx, late, -5), Krx.AddBusinessDays(late, -5));
        Assert.Equal(5, Krx.CountBusinessDays(new(2100, 12, 27), new(2101, 1, 3))); // Monday to Friday; no holidays are computed after 2050
    }

    [Theory]
    [InlineData("2025-10-02", 1, "2025-10-10")]   // over 개천절, Chuseok, its substitute and 한글날
    [InlineData("2025-10-10", -1, "2025-10-02")]
    [InlineData("2025-10-04", 0, "2025-10-10")]   // 0 from a closed day is the next business day
    [InlineData("2025-10-02", 0, "2025-10-02")]
    [InlineData("2025-12-30", 1, "2026-01-02")]   // KRX closes on 31 December
    public void AddBusinessDays_KnownCases(string from, int n, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Krx.AddBusinessDays(DateOnly.Parse(from), n));

    [Fact]
    public void NthBusinessDayOfMonth_FromStartAndEnd()
    {
        Assert.Equal(new DateOnly(2025, 10, 1), Krx.NthBusinessDayOfMonth(2025, 10, 1));
        Assert.Equal(new DateOnly(2025, 10, 2), Krx.NthBusinessDayOfMonth(2025, 10, 2));
        Assert.Equal(new DateOnly(2025, 10, 10), Krx.NthBusinessDayOfMonth(2025, 10, 3));
        Assert.Equal(new DateOnly(2025, 12, 30), Krx.LastBusinessDayOfMonth(2025, 12));
        Assert.Equal(new DateOnly(2025, 12, 29), Krx.NthBusinessDayOfMonth(2025, 12, -2));
        Assert.Null(Krx.NthBusinessDayOfMonth(2025, 10, 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => Krx.NthBusinessDayOfMonth(2025, 10, 0));
    }

    [Fact]
    public void NthBusinessDayOfMonth_AgreesWithAWalk_ForEveryMonth()
    {
        for (var year = 1990; year <= 2050; year++)
            for (var month = 1; month <= 12; month++)
            {
                var days = Enumerable.Range(0, DateTime.DaysInMonth(year, month)).Select(d => new DateOnly(year, month, 1).AddDays(d)).Where(Krx.IsBusinessDay).ToList();
                Assert.Equal(days[0], Krx.NthBusinessDayOfMonth(year, month, 1));
                Assert.Equal(days[^1], Krx.LastBusinessDayOfMonth(year, month));
                Assert.Equal(days[^3], Krx.NthBusinessDayOfMonth(year, month, -3));
                Assert.Equal((1, -days.Count), Krx.BusinessDayOfMonth(days[0]));
            }
    }

    [Fact]
    public void CountBusinessDays_IsHalfOpen_AndAntisymmetric()
    {
        Assert.Equal(5, Krx.CountBusinessDays(new(2026, 11, 23), new(2026, 11, 30)));
        Assert.Equal(-5, Krx.CountBusinessDays(new(2026, 11, 30), new(2026, 11, 23)));
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var from = new DateOnly(2000, 1, 1).AddDays(random.Next(0, 9000));
            var to = from.AddDays(random.Next(0, 400));
            var naive = 0;
            for (var d = from; d < to; d = d.AddDays(1)) if (Krx.IsBusinessDay(d)) naive++;
            Assert.Equal(naive, Krx.CountBusinessDays(from, to));
        }
    }

    [Fact]
    public void Month_NamesItsHolidays()
    {
        var october = Krx.Month(2025, 10);
        Assert.Equal(31, october.Count);
        Assert.Equal("대체공휴일(추석)", october[7].Holiday!.NameKo);
        Assert.False(october[7].IsBusinessDay);
        Assert.True(october[4].IsWeekend);
    }

    [Fact]
    public void Derive_AddsAndRemovesDays_AndUnionClosesWhenEitherCloses()
    {
        var weekdays = BuiltInCalendars.Default.Get("WEEKDAYS")!;
        var custom = weekdays.Derive("CUSTOM",
            add: [new Holiday(new(2026, 11, 24), "Company day", "창립기념일", HolidayKind.Override)],
            remove: [new DateOnly(2026, 11, 28)]); // a Saturday made a business day
        Assert.False(custom.IsBusinessDay(new(2026, 11, 24)));
        Assert.True(custom.IsBusinessDay(new(2026, 11, 28)));
        Assert.Equal(new DateOnly(2026, 11, 28), custom.NextBusinessDay(new(2026, 11, 27)));

        var union = BusinessCalendar.Union("BOTH", [custom, BuiltInCalendars.Default.Get("KR")!]);
        Assert.False(union.IsBusinessDay(new(2026, 11, 24)));
        Assert.False(union.IsBusinessDay(new(2026, 9, 25)));
        Assert.False(union.IsBusinessDay(new(2026, 11, 28))); // KR does not open on that Saturday
    }
}
