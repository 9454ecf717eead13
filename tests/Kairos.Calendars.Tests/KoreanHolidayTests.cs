using Kairos.Calendars.Korea;

namespace Kairos.Calendars.Tests;

public class KoreanHolidayTests
{
    private static readonly CalendarSet Calendars = BuiltInCalendars.Default;
    private static BusinessCalendar Kr => Calendars.Get("KR")!;

    [Fact]
    public void PublicHolidays_2013To2026_MatchTheOfficialList_DateByDate()
    {
        var expected = ReferenceLists.PublicWeekdayHolidays();
        var actual = Kr.NonBusinessDaysBetween(new(2013, 1, 1), new(2026, 12, 31)).Select(h => h.Date).ToList();
        Assert.Equal(expected.Count, expected.Intersect(actual).Count());
        Assert.Empty(expected.Except(actual));   // missing
        Assert.Empty(actual.Except(expected));   // extra
    }

    [Fact]
    public void PublicHolidays_2013To2026_IncludeEveryWeekendHolidayWithItsKoreanName()
    {
        foreach (var (date, nameKo) in ReferenceLists.Read("kr-public-holidays-2013-2026.csv"))
        {
            var holiday = Kr.HolidayOn(date);
            Assert.True(holiday is not null, $"{date} ({nameKo}) is not a holiday on KR");
            Assert.Contains(nameKo, holiday!.NameKo, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ExchangeClosingDays_2015To2026_MatchTheExchangeList()
    {
        var expected = ReferenceLists.ExchangeClosingDays();
        var actual = Calendars.Get("KRX")!.NonBusinessDaysBetween(new(2015, 1, 1), new(2026, 12, 31)).Select(h => h.Date).ToList();
        Assert.Empty(expected.Except(actual));
        Assert.Empty(actual.Except(expected));
    }

    [Theory]
    [InlineData(2020, "2020-04-30")] // leap 4th month that year: the ordinary month comes first
    [InlineData(2023, "2023-05-27")] // leap 2nd month: the 4th month is the calendar's 5th
    [InlineData(2025, "2025-05-05")] // leap 6th month, after the 4th: no shift
    [InlineData(2012, "2012-05-28")] // leap 3rd month: the 4th month is the calendar's 5th
    public void BuddhasBirthday_MindsLeapMonths(int year, string expected)
    {
        var buddha = Kr.AllHolidays.Single(h => h.Date.Year == year && h.Name.Contains("Buddha", StringComparison.Ordinal) && h.Kind != HolidayKind.Substitute);
        Assert.Equal(DateOnly.Parse(expected), buddha.Date);
    }

    [Theory]
    [InlineData("2014-01-30", "2014-01-31")] // 12th month of 2013 has 29 days: the eve is the 29th
    [InlineData("2024-02-09", "2024-02-10")] // 12th month of 2023 has 30 days
    [InlineData("1990-01-26", "1990-01-27")]
    public void SeollalEve_IsTheLastDayOfTheTwelfthMonth_Whether29Or30(string eve, string newYear)
    {
        Assert.Equal("Day before Seollal", Kr.HolidayOn(DateOnly.Parse(eve))!.Name);
        Assert.Equal("Seollal", Kr.HolidayOn(DateOnly.Parse(newYear))!.Name);
    }

    [Theory]
    // Before the 2013 decree no substitutes at all: Children's Day 2013 was a Sunday.
    [InlineData("2013-05-06", false)]
    // Seollal and Chuseok: a Sunday counts, a Saturday does not.
    [InlineData("2014-09-10", true)]
    [InlineData("2019-09-16", false)]
    // Children's Day: a Saturday counts, and so does another holiday (Buddha's Birthday 2025).
    [InlineData("2018-05-07", true)]
    [InlineData("2025-05-06", true)]
    // National days only from Liberation Day 2021: 2020-10-03 was a Saturday with no substitute.
    [InlineData("2020-10-05", false)]
    [InlineData("2021-08-16", true)]
    // Buddha's Birthday and Christmas only from the 2023 decree: 2022-05-08 and 2022-12-25 were Sundays.
    [InlineData("2022-05-09", false)]
    [InlineData("2022-12-26", false)]
    [InlineData("2023-05-29", true)]
    [InlineData("2027-12-27", true)]
    // 신정 and 현충일 never get one.
    [InlineData("2022-01-03", false)]
    [InlineData("2026-06-08", false)]
    public void SubstituteHolidays_FollowEachEraRules(string date, bool substitute)
    {
        var holiday = Kr.HolidayOn(DateOnly.Parse(date));
        Assert.Equal(substitute, holiday?.Kind == HolidayKind.Substitute);
    }

    [Fact]
    public void SubstituteNames_AreTheOfficialKoreanForm()
    {
        Assert.Equal("대체공휴일(추석)", Kr.HolidayOn(new(2025, 10, 8))!.NameKo);
        Assert.Equal("Substitute holiday (Chuseok)", Kr.HolidayOn(new(2025, 10, 8))!.Name);
    }

    [Theory]
    [InlineData("2005-04-05", true)]
    [InlineData("2006-04-05", false)]
    [InlineData("2007-07-17", true)]
    [InlineData("2008-07-17", false)]
    [InlineData("2025-07-17", false)]
    [InlineData("2026-07-17", true)]
    [InlineData("1990-10-01", true)]
    [InlineData("1991-10-09", false)]
    [InlineData("2013-10-09", true)]
    [InlineData("1998-01-02", true)]
    [InlineData("1999-01-02", false)]
    public void HolidaysAddedAndDropped_OnTheirEffectiveYears(string date, bool holiday)
    {
        var day = DateOnly.Parse(date);
        Assert.Equal(holiday, Kr.HolidayOn(day) is { Kind: HolidayKind.Fixed });
    }

    [Fact]
    public void BankCalendar_ClosesOnLaborDay_MarchTenthUntil1993()
    {
        var bank = Calendars.Get("KR-BANK")!;
        Assert.False(bank.IsBusinessDay(new(2025, 5, 1)));
        Assert.True(Kr.IsBusinessDay(new(2025, 5, 1)));
        Assert.False(bank.IsBusinessDay(new(1993, 3, 10)));
        Assert.True(bank.IsBusinessDay(new(1993, 5, 3)));
        Assert.Equal("근로자의 날", bank.HolidayOn(new(2025, 5, 1))!.NameKo);
    }

    [Fact]
    public void LaborDay_PublicHolidayFrom2026_WithTheNationalDaysSubstitute()
    {
        foreach (var id in new[] { "KR", "KR-BANK", "KRX" })
        {
            var calendar = Calendars.Get(id)!;
            Assert.Equal(("노동절", HolidayKind.Fixed), (calendar.HolidayOn(new(2026, 5, 1))!.NameKo, calendar.HolidayOn(new(2026, 5, 1))!.Kind));
            // 2027-05-01 is a Saturday: the next working day, Monday the 3rd, is its substitute.
            Assert.False(calendar.IsBusinessDay(new(2027, 5, 3)), id);
            Assert.True(calendar.IsBusinessDay(new(2027, 5, 4)), id);
        }
        Assert.True(Kr.IsBusinessDay(new(2025, 5, 1)));
    }

    [Fact]
    public void NewYear_TwoDaysFrom1989_So1990January3IsAWorkingDay()
    {
        Assert.False(Kr.IsBusinessDay(new(1990, 1, 2)));
        Assert.True(Kr.IsBusinessDay(new(1990, 1, 3)));
    }

    [Fact]
    public void NationalAssemblyElection2028_ScheduledByLaw_IsAHoliday()
    {
        var day = Kr.HolidayOn(new(2028, 4, 12))!;
        Assert.Equal((HolidayKind.Election, "제23대 국회의원 선거"), (day.Kind, day.NameKo));
    }

    [Fact]
    public void ExchangeYearEnd_MovesToThePreviousTradingDay_AndFollowsOverrides()
    {
        Assert.False(Calendars.Get("KRX")!.IsBusinessDay(new(2023, 12, 29)));
        // A temporary holiday on 2026-12-31 (an override on KR) moves the year-end closing to the 30th.
        var set = BuiltInCalendars.Create([new CalendarOverride("KR", new(2026, 12, 31), false, "Temporary holiday", "임시공휴일")]);
        Assert.False(set.Get("KR-BANK")!.IsBusinessDay(new(2026, 12, 31)));
        Assert.Equal(HolidayKind.Closing, set.Get("KRX")!.HolidayOn(new(2026, 12, 30))!.Kind);
    }

    [Fact]
    public void EveryYearInRange_HasItsLunarHolidays()
    {
        var (first, last) = KoreanCalendars.Years;
        Assert.Equal(1990, first);
        Assert.True(last >= 2050);
        for (var year = first; year <= last; year++)
        {
            Assert.Equal(3, Kr.AllHolidays.Count(h => h.Date.Year == year && h.NameKo.Contains("추석", StringComparison.Ordinal) && !h.NameKo.Contains("대체", StringComparison.Ordinal)));
            Assert.Equal(3, Kr.AllHolidays.Count(h => h.Date.Year == year && h.NameKo.Contains("설날", StringComparison.Ordinal) && !h.NameKo.Contains("대체", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void DesignatedDaysFile_RejectsABadLine_NamingIt()
    {
        var e = Assert.Throws<FormatException>(() => KoreanDesignatedDays.Parse("# x\n2026-02-30,temporary,a,b,c\n"));
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("2026.11", KoreanDesignatedDays.Version, StringComparison.Ordinal);
    }
}
