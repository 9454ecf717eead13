using System.Collections.Frozen;

namespace Kairos.Calendars;

/// <summary>
/// A weekend rule plus named non-business days, and days forced to be business days. Everything a query needs is
/// precomputed for <see cref="RangeStart"/>–<see cref="RangeEnd"/>: a bitset answers "is business day" and a rank table
/// answers "add n business days" in constant time, without allocating. Outside that range the answers are still right,
/// only slower.
/// </summary>
public sealed partial class BusinessCalendar : ICalendar
{
    public static readonly DateOnly RangeStart = new(1950, 1, 1);
    public static readonly DateOnly RangeEnd = new(2100, 12, 31);
    private static readonly int First = RangeStart.DayNumber;
    private static readonly int Count = RangeEnd.DayNumber - RangeStart.DayNumber + 1;

    private readonly ulong[] _business;     // bit i: day First + i is a business day
    private readonly int[] _rank;           // _rank[i]: business days in [First, First + i); Count + 1 entries
    private readonly int[] _businessDays;   // offsets from First of every business day, in order
    private readonly FrozenDictionary<DateOnly, Holiday> _holidays;
    private readonly Holiday[] _sortedHolidays;
    private readonly FrozenSet<DateOnly> _forcedBusinessDays;

    /// <param name="holidays">Several holidays on one date are merged into one name; an <see cref="HolidayKind.Override"/> replaces the others. A holiday without a <see cref="Holiday.Layer"/> is this calendar's own.</param>
    /// <param name="businessDays">Days that are business days whatever the weekend rule or holidays say.</param>
    public BusinessCalendar(string id, WeekendRule weekend, IEnumerable<Holiday> holidays, IEnumerable<DateOnly>? businessDays = null, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(holidays);
        Id = id;
        Weekend = weekend;
        Description = description ?? id;
        _forcedBusinessDays = (businessDays ?? []).ToFrozenSet();
        _holidays = Merge(holidays.Select(h => h.Layer is null ? h with { Layer = id } : h)).ToFrozenDictionary();
        _sortedHolidays = _holidays.Values.OrderBy(h => h.Date).ToArray();

        _business = new ulong[(Count + 63) / 64];
        _rank = new int[Count + 1];
        var days = new List<int>(Count * 5 / 7 + 64);
        for (var i = 0; i < Count; i++)
        {
            _rank[i] = days.Count;
            if (!IsBusinessDaySlow(DateOnly.FromDayNumber(First + i))) continue;
            _business[i >> 6] |= 1UL << i;
            days.Add(i);
        }
        _rank[Count] = days.Count;
        _businessDays = days.ToArray();
    }

    /// <summary>The zone of the built-in calendars, and of any calendar that names none.</summary>
    public const string DefaultTimeZoneId = "Asia/Seoul";

    // A copy that shares the precomputed tables: they are never written after construction.
    private BusinessCalendar(BusinessCalendar other)
    {
        Id = other.Id;
        Weekend = other.Weekend;
        Description = other.Description;
        _business = other._business;
        _rank = other._rank;
        _businessDays = other._businessDays;
        _holidays = other._holidays;
        _sortedHolidays = other._sortedHolidays;
        _forcedBusinessDays = other._forcedBusinessDays;
        _layers = other._layers;
        _weekendLayer = other._weekendLayer;
        _openedBy = other._openedBy;
        DateRule = other.DateRule;
        TimeZoneId = other.TimeZoneId;
    }

    public string Id { get; }

    public WeekendRule Weekend { get; }

    /// <inheritdoc />
    public BusinessDateRule DateRule { get; init; } = BusinessDateRule.Default;

    /// <inheritdoc />
    public string TimeZoneId { get; init; } = DefaultTimeZoneId;

    public string Description { get; }

    /// <summary>Every named day, business day or not, in date order.</summary>
    public IReadOnlyList<Holiday> AllHolidays => _sortedHolidays;

    /// <summary>Days forced to be business days.</summary>
    public IReadOnlyCollection<DateOnly> ForcedBusinessDays => _forcedBusinessDays;

    public bool IsBusinessDay(DateOnly day)
    {
        var i = day.DayNumber - First;
        return (uint)i < (uint)Count ? (_business[i >> 6] & (1UL << i)) != 0 : IsBusinessDaySlow(day);
    }

    public Holiday? HolidayOn(DateOnly day) => _holidays.GetValueOrDefault(day);

    public string? NonBusinessReason(DateOnly day) =>
        IsBusinessDay(day) ? null : HolidayOn(day)?.Name ?? day.DayOfWeek.ToString();

    /// <summary>Named days in [<paramref name="from"/>, <paramref name="to"/>], in date order.</summary>
    public IEnumerable<Holiday> HolidaysBetween(DateOnly from, DateOnly to)
    {
        var start = LowerBound(from);
        for (var i = start; i < _sortedHolidays.Length && _sortedHolidays[i].Date <= to; i++) yield return _sortedHolidays[i];
    }

    /// <summary>
    /// The non-business days in [<paramref name="from"/>, <paramref name="to"/>] that are not plain weekend days: what
    /// a holiday list shows. A holiday that falls on a weekend is left out unless <paramref name="includeWeekends"/>.
    /// </summary>
    public IEnumerable<Holiday> NonBusinessDaysBetween(DateOnly from, DateOnly to, bool includeWeekends = false) =>
        HolidaysBetween(from, to).Where(h => !IsBusinessDay(h.Date) && (includeWeekends || !Weekend.IsWeekend(h.Date)));

    /// <summary>The days of one month with their state and names.</summary>
    public IReadOnlyList<CalendarDay> Month(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var days = new CalendarDay[DateTime.DaysInMonth(year, month)];
        for (var d = 0; d < days.Length; d++)
        {
            var date = first.AddDays(d);
            days[d] = new CalendarDay(date, IsBusinessDay(date), Weekend.IsWeekend(date), HolidayOn(date)) { Layer = LayerOf(date) };
        }
        return days;
    }

    private bool IsBusinessDaySlow(DateOnly day) =>
        _forcedBusinessDays.Contains(day) || (!Weekend.IsWeekend(day) && !_holidays.ContainsKey(day));

    private int LowerBound(DateOnly date)
    {
        int lo = 0, hi = _sortedHolidays.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_sortedHolidays[mid].Date < date) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static Dictionary<DateOnly, Holiday> Merge(IEnumerable<Holiday> holidays)
    {
        var merged = new Dictionary<DateOnly, Holiday>();
        foreach (var holiday in holidays)
        {
            if (!merged.TryGetValue(holiday.Date, out var existing) || holiday.Kind == HolidayKind.Override) merged[holiday.Date] = holiday;
            else if (existing.Kind != HolidayKind.Override && existing.Name != holiday.Name)
                merged[holiday.Date] = existing with { Name = $"{existing.Name}; {holiday.Name}", NameKo = $"{existing.NameKo}, {holiday.NameKo}" };
        }
        return merged;
    }
}
