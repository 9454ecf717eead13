using Kairos.Calendars.Institutions;

namespace Kairos.Core.Ports;

/// <summary>
/// Institution calendar definitions made through the API, versioned: each change appends a version with who, when and
/// why; a deletion is a version too, so an id's history is never rewritten. The latest version of an id is in force
/// unless it is a deletion.
/// </summary>
public interface ICalendarDefinitionStore
{
    /// <summary>Appends the next version of <paramref name="change"/>'s calendar; its version and revision are the store's.</summary>
    Task<CalendarDefinitionVersion> AppendAsync(CalendarDefinitionVersion change, CancellationToken cancellationToken = default);

    /// <summary>The definitions in force: each id's latest version, deletions left out, by id.</summary>
    Task<IReadOnlyList<CalendarDefinitionVersion>> CurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>Every version of one calendar (any case), newest first.</summary>
    Task<IReadOnlyList<CalendarDefinitionVersion>> HistoryAsync(string calendarId, CancellationToken cancellationToken = default);

    /// <summary>A number that grows whenever a version is appended, so nodes can notice without reading everything.</summary>
    Task<long> RevisionAsync(CancellationToken cancellationToken = default);
}

public enum CalendarDefinitionChangeKind { Created, Changed, Deleted }

/// <summary>One version of an institution calendar's definition; for a deletion, the definition it removed.</summary>
public sealed record CalendarDefinitionVersion(
    CalendarDefinition Definition, CalendarDefinitionChangeKind Kind, DateTimeOffset ChangedAt, string ChangedBy, string? Reason,
    int Version = 0, long Revision = 0)
{
    public string CalendarId => Definition.Id;
}
