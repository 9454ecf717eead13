namespace Kairos.Calendars;

/// <summary>An immutable set of calendars by id. Build a new one when overrides change.</summary>
public sealed class CalendarSet : ICalendarSource
{
    private readonly Dictionary<string, BusinessCalendar> _calendars;

    public CalendarSet(IEnumerable<BusinessCalendar> calendars)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        _calendars = calendars.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        Ids = _calendars.Values.Select(c => c.Id).ToList();
    }

    public IReadOnlyCollection<string> Ids { get; }

    public IReadOnlyCollection<BusinessCalendar> All => _calendars.Values;

    public ICalendar? Find(string id) => Get(id);

    /// <summary>The calendar with this id (any case), or null.</summary>
    public BusinessCalendar? Get(string id) => _calendars.GetValueOrDefault(id);
}
