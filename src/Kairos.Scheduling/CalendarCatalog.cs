using Kairos.Calendars;
using Kairos.Core.Calendars;
using Kairos.Core.Ports;

namespace Kairos.Scheduling;

/// <summary>
/// The calendars in force on this node: the built-ins with the store's overrides applied. Any node may add an
/// override, so each planning pass checks the store's override revision and rebuilds only when it moved.
/// </summary>
public sealed class CalendarCatalog(IKairosStore store) : ICalendarSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CalendarSet _current = BuiltInCalendars.Default;
    private long _revision;

    public CalendarSet Current => _current;

    public IReadOnlyCollection<string> Ids => _current.Ids;

    public ICalendar? Find(string id) => _current.Find(id);

    public BusinessCalendar? Get(string id) => _current.Get(id);

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var revision = await store.Calendars.RevisionAsync(cancellationToken).ConfigureAwait(false);
        if (revision == Interlocked.Read(ref _revision)) return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var history = await store.Calendars.ListAsync(null, cancellationToken).ConfigureAwait(false);
            _current = EffectiveOverrides.Apply(history);
            Interlocked.Exchange(ref _revision, history.Count == 0 ? 0 : history.Max(e => e.Id));
        }
        finally
        {
            _gate.Release();
        }
    }
}
