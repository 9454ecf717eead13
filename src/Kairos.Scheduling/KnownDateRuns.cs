using System.Collections.Concurrent;

namespace Kairos.Scheduling;

/// <summary>
/// The (job, business date) dependency runs this node knows the store holds, because an insert of them committed here
/// (created, or found already there). Runs are never deleted, so a pass need not insert them again: a read of the store's
/// endings returns every upstream that ended within its look-back, thousands of them when many chains run.
/// Entries are forgotten once no pass can look back to their upstream's ending; inserting again is harmless. Concurrent,
/// as a pass may be asked for while the dependency loop runs one.
/// </summary>
internal sealed class KnownDateRuns
{
    private readonly ConcurrentDictionary<(string JobId, DateOnly Date), DateTimeOffset> _known = new();
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    public bool Contains(string jobId, DateOnly date) => _known.ContainsKey((jobId, date));

    public void Add(IEnumerable<(string JobId, DateOnly Date)> runs, DateTimeOffset now)
    {
        foreach (var run in runs) _known[run] = now;
    }

    public void Forget(DateTimeOffset notedBefore)
    {
        if (notedBefore - _lastPrune < TimeSpan.FromMinutes(1)) return;
        _lastPrune = notedBefore;
        foreach (var (run, noted) in _known)
        {
            if (noted < notedBefore) _known.TryRemove(run, out _);
        }
    }
}
