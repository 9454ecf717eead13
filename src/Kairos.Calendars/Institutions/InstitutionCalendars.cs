namespace Kairos.Calendars.Institutions;

/// <summary>
/// Composes institution calendars over a set of calendars (the built-ins with their overrides). Pure: the same
/// definitions and overrides give the same calendars on every node. A definition that cannot be composed is left out
/// and reported; the others are still built.
/// </summary>
public static class InstitutionCalendars
{
    /// <param name="bases">The calendars definitions may build on, overrides already applied (<see cref="BuiltInCalendars.Create"/>).</param>
    /// <param name="definitions">Institution calendars; a later definition of an id already defined is reported, not used.</param>
    /// <param name="overrides">Overrides in force; those on an institution calendar are applied to it last.</param>
    public static InstitutionComposition Compose(CalendarSet bases, IEnumerable<CalendarDefinition> definitions, IReadOnlyCollection<CalendarOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(overrides);
        var problems = new List<CalendarDefinitionProblem>();
        var byId = new Dictionary<string, CalendarDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in definitions)
        {
            if (bases.Get(definition.Id) is not null) problems.Add(new(definition.Id, "id", CalendarDefinitionProblemKind.BuiltInId, definition.Id));
            else if (!byId.TryAdd(definition.Id, definition)) problems.Add(new(definition.Id, "id", CalendarDefinitionProblemKind.DuplicateId, definition.Id));
        }
        var composer = new Composer(bases, byId, overrides, problems);
        var built = byId.Values.Select(d => composer.Resolve(d.Id, [])).OfType<BusinessCalendar>().ToList();
        return new InstitutionComposition(new CalendarSet(bases.All.Concat(built)), problems);
    }

    /// <summary>The calendar <paramref name="definition"/> describes over already-composed bases, with its overrides.</summary>
    public static BusinessCalendar Build(CalendarDefinition definition, IReadOnlyList<BusinessCalendar> bases, IEnumerable<CalendarOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(bases);
        var description = definition.Name ?? definition.Description ?? $"{string.Join(" + ", bases.Select(b => b.Id))}, as {definition.Id} keeps it";
        var union = BusinessCalendar.Union(definition.Id, bases, description);
        var shaped = definition.Weekend is { } weekend ? new BusinessCalendar(definition.Id, weekend, union.AllHolidays, union.ForcedBusinessDays, description) : union;
        var own = shaped.Derive(definition.Id, definition.Add.Select(d => d.ToHoliday()), definition.Remove);
        var mine = overrides.Where(o => string.Equals(o.CalendarId, definition.Id, StringComparison.OrdinalIgnoreCase)).ToList();
        var overridden = mine.Count == 0 ? own : own.Derive(definition.Id, mine.Select(o => o.AsHoliday()).OfType<Holiday>(), mine.Where(o => o.BusinessDay).Select(o => o.Date));
        return overridden.WithConventions(definition.DateRule, definition.TimeZoneId);
    }

    private sealed class Composer(CalendarSet bases, Dictionary<string, CalendarDefinition> definitions, IReadOnlyCollection<CalendarOverride> overrides, List<CalendarDefinitionProblem> problems)
    {
        private readonly Dictionary<string, BusinessCalendar?> _done = new(StringComparer.OrdinalIgnoreCase);

        // Depth-first over bases; `path` is the chain being composed, so meeting one of it again is a cycle.
        public BusinessCalendar? Resolve(string id, List<string> path)
        {
            if (_done.TryGetValue(id, out var known)) return known;
            var definition = definitions[id];
            if (definition.Bases.Count == 0)
            {
                problems.Add(new(definition.Id, "base", CalendarDefinitionProblemKind.NoBase, ""));
                return _done[definition.Id] = null;
            }
            path.Add(definition.Id);
            var resolved = new List<BusinessCalendar>();
            foreach (var baseId in definition.Bases)
            {
                if (bases.Get(baseId) is { } plain) { resolved.Add(plain); continue; }
                var problem = !definitions.ContainsKey(baseId) ? CalendarDefinitionProblemKind.UnknownBase
                    : path.Contains(baseId, StringComparer.OrdinalIgnoreCase) ? CalendarDefinitionProblemKind.Cycle
                    : Resolve(baseId, path) is { } composed ? (CalendarDefinitionProblemKind?)null : CalendarDefinitionProblemKind.BrokenBase;
                if (problem is null) { resolved.Add(_done[baseId]!); continue; }
                var detail = problem == CalendarDefinitionProblemKind.Cycle ? string.Join(" → ", path.Append(definitions[baseId].Id)) : baseId;
                problems.Add(new(definition.Id, "base", problem.Value, detail));
                path.RemoveAt(path.Count - 1);
                return _done[definition.Id] = null;
            }
            path.RemoveAt(path.Count - 1);
            return _done[definition.Id] = Build(definition, resolved, overrides);
        }
    }
}

/// <summary>The calendars composed (the bases and every institution calendar that could be built) and the problems of the rest.</summary>
public sealed record InstitutionComposition(CalendarSet Calendars, IReadOnlyList<CalendarDefinitionProblem> Problems);
