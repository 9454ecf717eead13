using static Kairos.Calendars.Korea.SubstituteTrigger;

namespace Kairos.Calendars.Korea;

/// <summary>
/// Korean public holidays (관공서의 공휴일) computed by rule, year by year, under the law in force on each date. Election
/// days and temporary holidays, which no rule predicts, come from <see cref="KoreanDesignatedDays"/>.
/// </summary>
/// <remarks>
/// Sources: 관공서의 공휴일에 관한 규정 (Presidential Decree) and its amendments, and 공휴일에 관한 법률 (Act on Public
/// Holidays, 2021) and its 2026 amendment. Each rule below names the change it follows; docs/calendars.md has the list.
/// </remarks>
internal static class KoreanPublicHolidays
{
    public const int FirstYear = 1990;

    public static int LastYear => KoreanLunarDates.MaxYear;

    // Substitute holidays for Seollal, Chuseok and Children's Day: decree amendment of 2013-11-05 (first used 2014-09-10).
    private static readonly DateOnly SubstitutesIntroduced = new(2013, 11, 5);

    // Substitutes widened to 3·1절, 광복절, 개천절 and 한글날 on a Saturday or Sunday: Act on Public Holidays of 2021-07-07,
    // applied from Liberation Day 2021 (first used 2021-08-16).
    private static readonly DateOnly NationalDaySubstitutes = new(2021, 7, 7);

    // Substitutes widened to Buddha's Birthday and Christmas on a Saturday or Sunday: decree amendment of 2023-05-04
    // (first used 2023-05-29).
    private static readonly DateOnly BuddhaChristmasSubstitutes = new(2023, 5, 4);

    public static IReadOnlyList<Holiday> ForYear(int year)
    {
        if (year < FirstYear || year > LastYear) return [];
        var groups = RuleGroups(year);
        groups.AddRange(KoreanDesignatedDays.InYear(year).Select(d => new HolidayGroup([d], None)));
        return WithSubstitutes(groups);
    }

    private static List<HolidayGroup> RuleGroups(int year)
    {
        var groups = new List<HolidayGroup>();
        void Fixed(int month, int day, string name, string nameKo, SubstituteTrigger trigger = None) =>
            groups.Add(new HolidayGroup([new Holiday(new DateOnly(year, month, day), name, nameKo, HolidayKind.Fixed)], trigger));
        void Lunar(DateOnly date, string name, string nameKo, SubstituteTrigger trigger) =>
            groups.Add(new HolidayGroup([new Holiday(date, name, nameKo, HolidayKind.Lunar)], trigger));
        void ThreeDays(DateOnly day, string name, string nameKo) => groups.Add(new HolidayGroup(
            [
                new Holiday(day.AddDays(-1), $"Day before {name}", nameKo, HolidayKind.Lunar),
                new Holiday(day, name, nameKo, HolidayKind.Lunar),
                new Holiday(day.AddDays(1), $"Day after {name}", nameKo, HolidayKind.Lunar),
            ], day >= SubstitutesIntroduced ? SundayOrOtherHoliday : None));
        SubstituteTrigger NationalDay(int month, int day) => new DateOnly(year, month, day) >= NationalDaySubstitutes ? Weekend : None;

        Fixed(1, 1, "New Year's Day", "신정");
        // 신정 was two days from 1989 (the decree of 1989-02-01 cut it from three days and made 설날 three; so 1990-01-03
        // was a working day) and one from 1999 (decree of 1998-12-18).
        if (year <= 1998) Fixed(1, 2, "New Year holiday", "신정");
        ThreeDays(KoreanLunarDates.NewYear(year), "Seollal", "설날");
        Fixed(3, 1, "Independence Movement Day", "삼일절", NationalDay(3, 1));
        // 식목일 stopped being a public holiday from 2006 (decree of 2005-06-30).
        if (year <= 2005) Fixed(4, 5, "Arbor Day", "식목일");
        // 노동절 became a public holiday from 1 May 2026: the Act on Public Holidays amendment (공휴일에 관한 법률 일부개정
        // 법률안(대안)) passed the National Assembly on 2026-03-31 and the Cabinet on 2026-04-07, in force for 1 May 2026,
        // with the national days' substitute rule (a Saturday or Sunday gives the next working day: 2027-05-03). Before,
        // it closed banks and the exchange only (KoreanCalendars.LaborDays).
        if (year >= 2026) Fixed(5, 1, "Labor Day", "노동절", Weekend);
        Fixed(5, 5, "Children's Day", "어린이날", new DateOnly(year, 5, 5) >= SubstitutesIntroduced ? WeekendOrOtherHoliday : None);
        var buddha = KoreanLunarDates.ToSolar(year, 4, 8);
        // Renamed from 석가탄신일 to 부처님오신날 by the decree of 2017-10-17.
        Lunar(buddha, "Buddha's Birthday", year <= 2017 ? "석가탄신일" : "부처님오신날", buddha >= BuddhaChristmasSubstitutes ? Weekend : None);
        Fixed(6, 6, "Memorial Day", "현충일");
        // 제헌절 was dropped from 2008 (decree of 2005-06-30) and restored by the Act on Public Holidays amendment passed on
        // 2026-01-29, which makes every national day a public holiday; it takes the national days' substitute rule.
        if (year <= 2007) Fixed(7, 17, "Constitution Day", "제헌절");
        if (year >= 2026) Fixed(7, 17, "Constitution Day", "제헌절", Weekend);
        Fixed(8, 15, "Liberation Day", "광복절", NationalDay(8, 15));
        ThreeDays(KoreanLunarDates.ToSolar(year, 8, 15), "Chuseok", "추석");
        // 국군의 날 and 한글날 stopped being public holidays from 1991 (decree of 1990-11-05); 한글날 returned from 2013
        // (decree of 2012-12-28).
        if (year <= 1990) Fixed(10, 1, "Armed Forces Day", "국군의 날");
        Fixed(10, 3, "National Foundation Day", "개천절", NationalDay(10, 3));
        if (year <= 1990 || year >= 2013) Fixed(10, 9, "Hangul Day", "한글날", NationalDay(10, 9));
        Fixed(12, 25, "Christmas Day", "기독탄신일", new DateOnly(year, 12, 25) >= BuddhaChristmasSubstitutes ? Weekend : None);
        return groups;
    }

    /// <summary>
    /// Adds a substitute for each day of a group that meets its trigger: the first day after the group that is not a
    /// Saturday, a Sunday or a holiday (substitutes already given included), taken in date order.
    /// </summary>
    private static List<Holiday> WithSubstitutes(List<HolidayGroup> groups)
    {
        var occupants = new Dictionary<DateOnly, List<HolidayGroup>>();
        foreach (var group in groups)
            foreach (var day in group.Days)
                (occupants.TryGetValue(day.Date, out var list) ? list : occupants[day.Date] = []).Add(group);

        var holidays = groups.SelectMany(g => g.Days).ToList();
        foreach (var group in groups.Where(g => g.Trigger != None).OrderBy(g => g.Days[0].Date))
        {
            var overlaps = group.Days.Count(day => Triggers(group, day.Date, occupants));
            for (var k = 0; k < overlaps; k++)
            {
                var date = group.Last.AddDays(1);
                while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || occupants.ContainsKey(date)) date = date.AddDays(1);
                var (name, nameKo) = group.Root;
                var substitute = new Holiday(date, $"Substitute holiday ({name})", $"대체공휴일({nameKo})", HolidayKind.Substitute);
                holidays.Add(substitute);
                occupants[date] = [new HolidayGroup([substitute], None)];
            }
        }
        return holidays;
    }

    private static bool Triggers(HolidayGroup group, DateOnly date, Dictionary<DateOnly, List<HolidayGroup>> occupants)
    {
        var sunday = date.DayOfWeek == DayOfWeek.Sunday;
        var saturday = date.DayOfWeek == DayOfWeek.Saturday;
        var otherHoliday = occupants[date].Any(g => !ReferenceEquals(g, group));
        return group.Trigger switch
        {
            SundayOrOtherHoliday => sunday || otherHoliday,
            WeekendOrOtherHoliday => sunday || saturday || otherHoliday,
            Weekend => sunday || saturday,
            _ => false,
        };
    }
}
