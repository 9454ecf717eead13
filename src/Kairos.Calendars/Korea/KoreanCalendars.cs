namespace Kairos.Calendars.Korea;

/// <summary>The built-in Korean calendars: public holidays, bank closing days and exchange closing days.</summary>
public static class KoreanCalendars
{
    public const string Public = "KR";
    public const string Bank = "KR-BANK";
    public const string Exchange = "KRX";

    private static readonly Lazy<IReadOnlyList<Holiday>> PublicHolidays = new(() =>
        AllYears()
            .SelectMany(KoreanPublicHolidays.ForYear).ToList());

    /// <summary>The years for which holidays are computed; outside them only weekends are non-business days.</summary>
    public static (int First, int Last) Years => (KoreanPublicHolidays.FirstYear, KoreanPublicHolidays.LastYear);

    /// <summary>KR: Saturdays, Sundays and the public holidays of government offices (관공서의 공휴일).</summary>
    public static BusinessCalendar CreatePublic() =>
        new(Public, WeekendRule.SaturdaySunday, PublicHolidays.Value, description: "Korean public holidays (공휴일)");

    /// <summary>KR-BANK: <paramref name="publicCalendar"/> plus the days banks close that are not public holidays: Labor Day until 2025.</summary>
    public static BusinessCalendar CreateBank(BusinessCalendar publicCalendar)
    {
        ArgumentNullException.ThrowIfNull(publicCalendar);
        return publicCalendar.Derive(Bank, LaborDays(), description: "Korean bank closing days (은행 휴무일)");
    }

    /// <summary>
    /// KRX: <paramref name="bankCalendar"/> plus the exchange's year-end closing day: 31 December, or the last business
    /// day before it when it is not a business day (유가증권시장 업무규정 제5조, 휴장일).
    /// </summary>
    public static BusinessCalendar CreateExchange(BusinessCalendar bankCalendar)
    {
        ArgumentNullException.ThrowIfNull(bankCalendar);
        var closings = AllYears()
            .Select(year =>
            {
                var last = new DateOnly(year, 12, 31);
                var day = bankCalendar.IsBusinessDay(last) ? last : bankCalendar.PreviousBusinessDay(last);
                return new Holiday(day, "Year-end market closing", "연말 휴장일", HolidayKind.Closing);
            });
        return bankCalendar.Derive(Exchange, closings, description: "Korea Exchange closing days (한국거래소 휴장일)");
    }

    // 근로자의 날 제정에 관한 법률 (1963): 10 March until 1993, 1 May from 1994 (1994 amendment). A paid holiday for
    // employees, so banks and the exchange closed, but not a public holiday of government offices until 2026: from
    // 1 May 2026 노동절 is a public holiday (KoreanPublicHolidays), so KR has it and KR-BANK inherits it.
    private static IEnumerable<Holiday> LaborDays() =>
        AllYears()
            .Where(year => year < 2026)
            .Select(year => new Holiday(
                year <= 1993 ? new DateOnly(year, 3, 10) : new DateOnly(year, 5, 1),
                "Labor Day",
                "근로자의 날",
                HolidayKind.Closing));

    private static IEnumerable<int> AllYears() => Enumerable.Range(KoreanPublicHolidays.FirstYear, KoreanPublicHolidays.LastYear - KoreanPublicHolidays.FirstYear + 1);
}
