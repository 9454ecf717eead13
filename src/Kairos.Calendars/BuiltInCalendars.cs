using Kairos.Calendars.Korea;

namespace Kairos.Calendars;

/// <summary>
/// The calendars every Kairos installation knows: WEEKDAYS, KR, KR-BANK and KRX. They are layered, so an override on
/// KR also moves KR-BANK and KRX (a temporary holiday closes banks and the exchange too), and KRX's year-end closing
/// follows the bank calendar after its overrides. Each day says which layer decided it (<see cref="BusinessCalendar.LayerOf"/>),
/// so KRX shows an override made on KR-BANK as KR-BANK's.
/// </summary>
public static class BuiltInCalendars
{
    public const string Weekdays = "WEEKDAYS";

    private static readonly Lazy<CalendarSet> Plain = new(() => Create([]));

    /// <summary>The built-in calendars without overrides.</summary>
    public static CalendarSet Default => Plain.Value;

    public static IReadOnlyList<string> Ids { get; } = [Weekdays, KoreanCalendars.Public, KoreanCalendars.Bank, KoreanCalendars.Exchange];

    /// <summary>The built-in calendars with <paramref name="overrides"/> applied, each to its own calendar and the ones built on it.</summary>
    public static CalendarSet Create(IReadOnlyCollection<CalendarOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        BusinessCalendar Apply(BusinessCalendar calendar)
        {
            var mine = overrides.Where(o => string.Equals(o.CalendarId, calendar.Id, StringComparison.OrdinalIgnoreCase)).ToList();
            return mine.Count == 0 ? calendar : calendar.Derive(calendar.Id, mine.Select(o => o.AsHoliday()).OfType<Holiday>(), mine.Where(o => o.BusinessDay).Select(o => o.Date), byOverride: true);
        }
        var weekdays = Apply(new BusinessCalendar(Weekdays, WeekendRule.SaturdaySunday, [], description: "Monday to Friday"));
        var kr = Apply(KoreanCalendars.CreatePublic());
        var bank = Apply(KoreanCalendars.CreateBank(kr));
        var exchange = Apply(KoreanCalendars.CreateExchange(bank));
        return new CalendarSet([weekdays, kr, bank, exchange]);
    }

    /// <summary>True when <paramref name="id"/> names a built-in calendar (any case).</summary>
    public static bool IsKnown(string id) => Ids.Contains(id, StringComparer.OrdinalIgnoreCase);
}
