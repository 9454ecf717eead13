using System.Collections.Frozen;

namespace Kairos.Calendars;

// Which calendar decided a day. Kept beside the bitset and rank table, never in them: the hot path does not pay for it.
public sealed partial class BusinessCalendar
{
    private string[]? _layers;
    private string? _weekendLayer;
    private FrozenDictionary<DateOnly, DayLayer> _openedBy = FrozenDictionary<DateOnly, DayLayer>.Empty;

    /// <summary>
    /// The calendars this one is built on, the innermost first and this one last: KRX is <c>[KR, KR-BANK, KRX]</c>.
    /// An override made on any of them applies here too.
    /// </summary>
    public IReadOnlyList<string> Layers
    {
        get => _layers ??= [Id];
        private init => _layers = [.. value];
    }

    /// <summary>The calendar whose weekend rule this one uses: the layer that closes a plain weekend day.</summary>
    public string WeekendLayer
    {
        get => _weekendLayer ?? Id;
        private init => _weekendLayer = value;
    }

    /// <summary>
    /// Which layer opened each of the <see cref="ForcedBusinessDays"/>; a forced day missing here was opened by this
    /// calendar's own rules.
    /// </summary>
    public IReadOnlyDictionary<DateOnly, DayLayer> ForcedBusinessDayLayers
    {
        get => _openedBy;
        init => _openedBy = (value ?? throw new ArgumentNullException(nameof(value))).ToFrozenDictionary();
    }

    /// <summary>
    /// Which layer decided <paramref name="day"/>: the one that closed it (its holiday's layer, or the weekend rule's),
    /// or the one that forced it open; null on an ordinary business day.
    /// </summary>
    /// <example><c>krx.LayerOf(new(2026, 12, 31))</c> is <c>(KRX, false)</c>: the exchange's year-end closing.</example>
    public DayLayer? LayerOf(DateOnly day)
    {
        if (!IsBusinessDay(day))
            return HolidayOn(day) is { } holiday ? new DayLayer(holiday.Layer ?? Id, holiday.Kind == HolidayKind.Override) : new DayLayer(WeekendLayer, false);
        return _forcedBusinessDays.Contains(day) ? _openedBy.GetValueOrDefault(day, new DayLayer(Id, false)) : null;
    }

    // The layers of a calendar built on these: theirs in order, each once, then its own id.
    private static string[] LayersOver(IEnumerable<BusinessCalendar> bases, string id) =>
        bases.SelectMany(c => c.Layers).Append(id).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}
