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

    /// <summary>
    /// The entries that decide days of a calendar built on <paramref name="layers"/> (innermost first, as
    /// <see cref="BusinessCalendar.Layers"/>): its own overrides and those it inherits, one per day, the nearest layer's
    /// winning, as <see cref="BuiltInCalendars.Create"/> applies them. A revert on a layer lets an inner layer's entry show.
    /// </summary>
    public static IReadOnlyList<CalendarOverrideEntry> Deciding(IReadOnlyList<string> layers, IEnumerable<CalendarOverrideEntry> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var depth = Depths(layers);
        return Latest(history.Where(e => depth.ContainsKey(e.CalendarId)))
            .Where(e => e.Action != OverrideAction.Revert)
            .GroupBy(e => e.Date)
            .Select(g => g.MaxBy(e => depth[e.CalendarId])!)
            .OrderBy(e => e.Date)
            .ToList();
    }

    /// <summary>
    /// The ids of the entries in force on a calendar built on <paramref name="layers"/>: the <see cref="Deciding"/> ones,
    /// and each revert that is the latest word on its (calendar, day) with no nearer layer's override above it.
    /// </summary>
    public static IReadOnlySet<long> InForceOn(IReadOnlyList<string> layers, IEnumerable<CalendarOverrideEntry> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var depth = Depths(layers);
        var entries = history.Where(e => depth.ContainsKey(e.CalendarId)).ToList();
        var deciding = Deciding(layers, entries).ToDictionary(e => e.Date);
        return Latest(entries)
            .Where(e => e.Action != OverrideAction.Revert
                ? deciding[e.Date].Id == e.Id
                : !deciding.TryGetValue(e.Date, out var winner) || depth[winner.CalendarId] < depth[e.CalendarId])
            .Select(e => e.Id)
            .ToHashSet();
    }

    private static Dictionary<string, int> Depths(IReadOnlyList<string> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var depth = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < layers.Count; i++) depth[layers[i]] = i;
        return depth;
    }

    /// <summary>The calendars with the overrides in <paramref name="history"/> applied.</summary>
    public static CalendarSet Apply(IEnumerable<CalendarOverrideEntry> history) => BuiltInCalendars.Create(From(history));
}
