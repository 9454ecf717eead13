namespace Kairos.Calendars;

/// <summary>The calendars every Kairos installation knows without configuration.</summary>
public sealed class BuiltInCalendars : ICalendarSource
{
    private readonly Dictionary<string, ICalendar> _calendars = new(StringComparer.OrdinalIgnoreCase)
    {
        [WeekendCalendar.DefaultId] = new WeekendCalendar(),
    };

    public ICalendar? Find(string id) => _calendars.GetValueOrDefault(id);

    public IReadOnlyCollection<string> Ids => _calendars.Keys;
}
