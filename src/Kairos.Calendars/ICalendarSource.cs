namespace Kairos.Calendars;

/// <summary>Resolves calendar ids to calendars.</summary>
public interface ICalendarSource
{
    /// <summary>The calendar with this id, or null when there is none.</summary>
    ICalendar? Find(string id);

    /// <summary>Every known calendar id.</summary>
    IReadOnlyCollection<string> Ids { get; }
}
