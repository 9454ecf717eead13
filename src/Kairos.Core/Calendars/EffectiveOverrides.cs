using Kairos.Calendars;
using Kairos.Core.Ports;

namespace Kairos.Core.Calendars;

/// <summary>From an override history to the overrides in force: the latest entry per (calendar, day), reverts dropped.</summary>
public static class EffectiveOverrides
{
    public static IReadOnlyList<CalendarOverride> From(IEnumerable<CalendarOverrideEntry> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Latest(history)
            .Where(e => e.Action != OverrideAction.Revert)
            .Select(e => new CalendarOverride(e.CalendarId, e.Date, e.Action == OverrideAction.BusinessDay, e.Name, e.NameKo))
            .OrderBy(o => o.CalendarId, StringComparer.Ordinal).ThenBy(o => o.Date)
            .ToList();
    }

    /// <summary>The entry that decides each (calendar, day): the one with the highest id, a revert included.</summary>
    public static IReadOnlyList<CalendarOverrideEntry> Latest(IEnumerable<CalendarOverrideEntry> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.GroupBy(e => (Calendar: e.CalendarId.ToUpperInvariant(), e.Date)).Select(g => g.MaxBy(e => e.Id)!).ToList();
    }

    /// <summary>The calendars with the overrides in <paramref name="history"/> applied.</summary>
    public static CalendarSet Apply(IEnumerable<CalendarOverrideEntry> history) => BuiltInCalendars.Create(From(history));
}
