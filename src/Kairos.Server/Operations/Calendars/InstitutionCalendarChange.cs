using Kairos.Calendars;
using Kairos.Calendars.Client;
using Kairos.Calendars.Institutions;
using Kairos.Core.Calendars;
using Kairos.Core.Ports;
using Kairos.Scheduling;

namespace Kairos.Server.Operations.Calendars;

/// <summary>
/// What defining and deleting an institution calendar share: the refusals (a settings-file calendar, a composition
/// that fails, a calendar still in use), the days a change opens or closes, and the answer's shape.
/// </summary>
internal sealed class InstitutionCalendarChange(CalendarCatalog catalog, IKairosStore store, TimeProvider clock)
{
    private const int ShownChanges = 100;
    private static readonly DateOnly First = new(1990, 1, 1);
    private static readonly DateOnly Last = new(2050, 12, 31);

    public CalendarCatalog Catalog => catalog;

    public Refusal? FileDefined(string id) =>
        catalog.Configured.Defines(id) ? Refusal.Conflict(ApiText.Get("Definition.FileDefined", id.ToUpperInvariant())) : null;

    /// <summary>The calendars with <paramref name="id"/> defined as <paramref name="definition"/> (or deleted when null), or why they cannot be composed.</summary>
    public async Task<(InstitutionComposition Composition, Refusal? Refusal)> ComposeWithAsync(string id, CalendarDefinition? definition, CancellationToken ct)
    {
        await catalog.RefreshAsync(ct);
        var stored = catalog.Stored.Select(v => v.Definition).Where(d => !string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));
        var composition = EffectiveCalendars.Compose(catalog.Configured.Definitions, definition is null ? stored : stored.Append(definition),
            await store.Calendars.ListAsync(null, ct));
        // Problems the change causes: its own, and any other calendar's that was fine before (a cycle through it).
        var before = catalog.Problems.Select(p => p.CalendarId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var caused = composition.Problems.Where(p => string.Equals(p.CalendarId, id, StringComparison.OrdinalIgnoreCase) || !before.Contains(p.CalendarId)).ToList();
        if (caused.Count == 0) return (composition, null);
        var known = composition.Calendars.Ids;
        return (composition, Refusal.Invalid(caused.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => CalendarDefinitionInput.Describe(p, known)).ToArray())));
    }

    /// <summary>Who still needs <paramref name="id"/>: other institution calendars built on it, then jobs scheduled on it.</summary>
    public async Task<Refusal?> InUseAsync(string id, CancellationToken ct)
    {
        var dependents = catalog.Configured.Definitions.Concat(catalog.Stored.Select(v => v.Definition))
            .Where(d => d.Bases.Contains(id, StringComparer.OrdinalIgnoreCase) && !string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase))
            .Select(d => d.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        if (dependents.Count > 0) return Refusal.Conflict(ApiText.Get("Definition.UsedAsBase", id, string.Join(", ", dependents)));
        var jobs = (await store.Jobs.ListAsync(ct)).Where(j => string.Equals(j.Definition.Schedule?.Calendar, id, StringComparison.OrdinalIgnoreCase))
            .Select(j => j.Id).Order(StringComparer.Ordinal).ToList();
        return jobs.Count > 0 ? Refusal.Conflict(ApiText.Get("Definition.UsedByJobs", id, string.Join(", ", jobs.Take(20)) + (jobs.Count > 20 ? ", …" : ""))) : null;
    }

    /// <summary>The days 1990–2050 whose state differs between two versions of a calendar (a new one against its bases' union).</summary>
    public CalendarDefinitionResultDto Diff(string id, ICalendar? before, ICalendar? after, bool applied, CalendarDefinitionVersionDto? saved)
    {
        int closed = 0, opened = 0;
        var shownFrom = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(-1);
        var changes = new List<ImportChangeDto>();
        if (before is not null && after is not null)
        {
            for (var day = First; day <= Last; day = day.AddDays(1))
            {
                var was = before.IsBusinessDay(day);
                var now = after.IsBusinessDay(day);
                if (was == now) continue;
                if (now) opened++; else closed++;
                if (day >= shownFrom && changes.Count < ShownChanges)
                    changes.Add(new ImportChangeDto(day, was, now, was ? null : before.DescribeNonBusinessDay(day), now ? null : after.DescribeNonBusinessDay(day)));
            }
        }
        return new CalendarDefinitionResultDto(id, applied, saved, closed, opened, changes);
    }

    /// <summary>What a new calendar is compared with: the union of its bases, as they are now.</summary>
    public static BusinessCalendar? BasesOf(CalendarDefinition definition, CalendarSet calendars)
    {
        var bases = definition.Bases.Select(calendars.Get).ToList();
        return bases.Any(b => b is null) ? null : BusinessCalendar.Union(definition.Id, bases!);
    }

    public static CalendarDefinitionVersionDto ToDto(CalendarDefinitionVersion v) => new(
        v.CalendarId, "api", v.Version, v.Kind.ToString().ToLowerInvariant(), CalendarDefinitionInput.ToDto(v.Definition), v.ChangedAt, v.ChangedBy, v.Reason);

    public static CalendarDefinitionVersionDto ToDto(CalendarDefinition fromSettings) => new(
        fromSettings.Id, "settings", 0, "created", CalendarDefinitionInput.ToDto(fromSettings), null, null, null);
}
