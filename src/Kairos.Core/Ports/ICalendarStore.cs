namespace Kairos.Core.Ports;

/// <summary>
/// Calendar overrides, append-only: each entry is one operator's or one import's word on one day, with who, when, why
/// and where from. The latest entry for a (calendar, day) is in force; the earlier ones are its history.
/// </summary>
public interface ICalendarStore
{
    /// <summary>Appends every entry in one transaction: all of them or none.</summary>
    Task AppendAsync(IReadOnlyList<CalendarOverrideEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Every entry, oldest first; for one calendar when <paramref name="calendarId"/> is given.</summary>
    Task<IReadOnlyList<CalendarOverrideEntry>> ListAsync(string? calendarId = null, CancellationToken cancellationToken = default);

    /// <summary>A number that changes whenever an entry is appended, so nodes can notice without reading everything.</summary>
    Task<long> RevisionAsync(CancellationToken cancellationToken = default);
}

/// <summary>What an override entry does to its day.</summary>
public enum OverrideAction
{
    /// <summary>The day is not a business day (a holiday added).</summary>
    NonBusinessDay,
    /// <summary>The day is a business day (a holiday removed, or a weekend day opened).</summary>
    BusinessDay,
    /// <summary>The day goes back to what the calendar's rules say.</summary>
    Revert,
}

public sealed record CalendarOverrideEntry(
    string CalendarId, DateOnly Date, OverrideAction Action, string? Name, string? NameKo,
    string Actor, DateTimeOffset At, string? Reason, string? Source, long Id = 0);

public static class OverrideActions
{
    public static string ToWire(this OverrideAction action) => action switch
    {
        OverrideAction.NonBusinessDay => "non-business-day",
        OverrideAction.BusinessDay => "business-day",
        _ => "revert",
    };

    public static OverrideAction FromWire(string text) => text switch
    {
        "non-business-day" => OverrideAction.NonBusinessDay,
        "business-day" => OverrideAction.BusinessDay,
        "revert" => OverrideAction.Revert,
        _ => throw new FormatException($"'{text}' is not an override action"),
    };
}
