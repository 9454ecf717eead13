using System.Collections.Concurrent;
using Kairos.Calendars;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Definitions;
using Microsoft.Extensions.Logging;

namespace Kairos.Scheduling;

/// <summary>
/// This node's view of the jobs in the store, parsed once per change. Any node may change a job (API, files), so the
/// store is the truth and the catalog refreshes from it.
/// </summary>
public sealed class JobCatalog(IKairosStore store, ICalendarSource calendars, ILogger<JobCatalog> logger)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Version, Job Job)> _jobs = new(StringComparer.Ordinal);
    private readonly JobValidator _validator = new(calendars);

    public ICalendarSource Calendars => calendars;

    public Job? Find(string id) => _jobs.TryGetValue(id, out var entry) ? entry.Job : null;

    public IReadOnlyList<Job> Jobs => _jobs.Values.Select(e => e.Job).ToList();

    /// <summary>Watermarks as last read from the store, for planners that have none of their own yet.</summary>
    public ConcurrentDictionary<string, DateTimeOffset?> StoredPlannedUntil { get; } = new(StringComparer.Ordinal);

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (calendars is CalendarCatalog live) await live.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var records = await store.Jobs.ListAsync(cancellationToken).ConfigureAwait(false);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            ids.Add(record.Id);
            StoredPlannedUntil[record.Id] = record.PlannedUntil;
            if (_jobs.TryGetValue(record.Id, out var known) && known.Version == record.UpdatedAt) continue;
            if (Parse(record) is { } job) _jobs[record.Id] = (record.UpdatedAt, job);
        }
        foreach (var gone in _jobs.Keys.Where(k => !ids.Contains(k)).ToList())
        {
            _jobs.TryRemove(gone, out _);
            StoredPlannedUntil.TryRemove(gone, out _);
        }
    }

    private Job? Parse(JobRecord record)
    {
        var (job, errors) = _validator.Validate(record.Definition.ToDefinition());
        if (job is not null) return job;
        logger.LogError("Job {JobId} in the store is not valid and is not scheduled: {Errors}", record.Id, string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        return null;
    }
}
