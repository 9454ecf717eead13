using Kairos.Calendars;
using Kairos.Calendars.Institutions;
using Kairos.Core.Ports;

namespace Kairos.Core.Calendars;

/// <summary>Every calendar in force: the built-ins and the institution calendars, each with the overrides in force.</summary>
public static class EffectiveCalendars
{
    /// <param name="configured">From the settings file; they win over <paramref name="stored"/> ones of the same id.</param>
    /// <param name="stored">Defined through the API.</param>
    /// <param name="history">Every override entry.</param>
    public static InstitutionComposition Compose(IEnumerable<CalendarDefinition> configured, IEnumerable<CalendarDefinition> stored, IEnumerable<CalendarOverrideEntry> history)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(stored);
        var overrides = EffectiveOverrides.From(history);
        var fromFile = configured.ToList();
        var fileIds = fromFile.Select(d => d.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return InstitutionCalendars.Compose(BuiltInCalendars.Create(overrides), fromFile.Concat(stored.Where(d => !fileIds.Contains(d.Id))), overrides);
    }
}
