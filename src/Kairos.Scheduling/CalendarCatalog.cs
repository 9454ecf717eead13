using Kairos.Calendars;
using Kairos.Calendars.Institutions;
using Kairos.Core.Calendars;
using Kairos.Core.Ports;

namespace Kairos.Scheduling;

/// <summary>
/// The calendars in force on this node: the built-ins and the institution calendars (settings file and store), with the
/// store's overrides applied. Any node may add an override or define a calendar, so each planning pass checks the
/// store's two revisions and rebuilds only when one moved.
/// </summary>
public sealed class CalendarCatalog : ICalendarSource
{
    private readonly IKairosStore _store;
    private readonly ConfiguredCalendars _configured;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot _snapshot;

    public CalendarCatalog(IKairosStore store, ConfiguredCalendars? configured = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _configured = configured ?? ConfiguredCalendars.None;
        _snapshot = new Snapshot(EffectiveCalendars.Compose(_configured.Definitions, [], []), [], 0, 0);
    }

    private sealed record Snapshot(InstitutionComposition Composition, IReadOnlyList<CalendarDefinitionVersion> Stored, long Overrides, long Definitions);

    public CalendarSet Current => _snapshot.Composition.Calendars;

    /// <summary>Institution calendars that could not be composed (an unknown base, a cycle), and why.</summary>
    public IReadOnlyList<CalendarDefinitionProblem> Problems => _snapshot.Composition.Problems;

    public ConfiguredCalendars Configured => _configured;

    /// <summary>The definitions in force from the store, as of the last refresh (file-defined ids included, though unused).</summary>
    public IReadOnlyList<CalendarDefinitionVersion> Stored => _snapshot.Stored;

    public IReadOnlyCollection<string> Ids => Current.Ids;

    public ICalendar? Find(string id) => Current.Find(id);

    public BusinessCalendar? Get(string id) => Current.Get(id);

    /// <summary>The definition of an institution calendar in force here, and where it comes from; null for a built-in or unknown id.</summary>
    public (CalendarDefinition Definition, CalendarDefinitionVersion? Stored)? Definition(string id)
    {
        if (_configured.Definitions.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase)) is { } file) return (file, null);
        return _snapshot.Stored.FirstOrDefault(v => string.Equals(v.CalendarId, id, StringComparison.OrdinalIgnoreCase)) is { } stored ? (stored.Definition, stored) : null;
    }

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var overrides = await _store.Calendars.RevisionAsync(cancellationToken).ConfigureAwait(false);
        var definitions = await _store.CalendarDefinitions.RevisionAsync(cancellationToken).ConfigureAwait(false);
        if (overrides == _snapshot.Overrides && definitions == _snapshot.Definitions) return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The revisions read above are at most what the reads below see, so a change in between is rebuilt next time.
            var history = await _store.Calendars.ListAsync(null, cancellationToken).ConfigureAwait(false);
            var stored = await _store.CalendarDefinitions.CurrentAsync(cancellationToken).ConfigureAwait(false);
            var composition = EffectiveCalendars.Compose(_configured.Definitions, stored.Select(v => v.Definition), history);
            _snapshot = new Snapshot(composition, stored, overrides, definitions);
        }
        finally
        {
            _gate.Release();
        }
    }
}
