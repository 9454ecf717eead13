using System.Collections.Concurrent;
using System.Globalization;
using Kairos.Core.Dependencies;
using Kairos.Core.Flows;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Reasons;
using Kairos.Core.Runs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Scheduling;

/// <summary>
/// One dependency pass: creates the once-per-business-date runs of dependent jobs without a schedule, then judges every
/// waiting run and releases, notes or times it out. Any node may run it at any time: creation is insert-if-absent on
/// (job, business date) and release changes only runs still waiting, so two nodes never start a downstream run twice,
/// and because it reads the store's state rather than reacting to events, a node killed between an upstream's success and
/// its downstream's release loses nothing: the next pass on any node releases it.
/// </summary>
public sealed partial class DependencyResolver(IKairosStore store, JobCatalog catalog, SchedulerOptions options, ILogger? logger = null)
{
    // Dates a dependency may look back over: T-1, then the upstream's closed days before that (a holiday cluster).
    private const int LookbackDays = 62;
    // Runs that ended, and conditions set, this long before the previous pass are looked at again: the store learns of
    // an ending from whichever node writes it, and clocks differ a little between nodes.
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);
    // Every so often the whole lookback is read again: an outcome recorded late (a restarted node reading its journal
    // records the time the command really ended, minutes ago) is older than the previous pass.
    private static readonly TimeSpan FullScanEvery = TimeSpan.FromMinutes(1);

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly KnownDateRuns _known = new();
    private readonly ConcurrentQueue<(string JobId, DateOnly Date)> _endedHere = new();
    private readonly Lock _scanLock = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private DateTimeOffset? _lastScan;
    private DateTimeOffset? _lastFullScan;

    /// <summary>
    /// Upstream runs whose outcome this node has just written: the next pass creates their downstream runs, without the
    /// read of the store's recent endings that a pass would otherwise spend most of its time on.
    /// </summary>
    public void NoteEnded(IEnumerable<(string JobId, DateOnly Date)> endings)
    {
        ArgumentNullException.ThrowIfNull(endings);
        foreach (var ending in endings) _endedHere.Enqueue(ending);
    }

    /// <summary>Judges the waiting runs at <paramref name="now"/>; returns how many were released to start.</summary>
    public Task<DependencyPassResult> ResolveAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ResolveAsync(now, readEndings: true, cancellationToken);

    /// <summary>
    /// As <see cref="ResolveAsync(DateTimeOffset, CancellationToken)"/>; without <paramref name="readEndings"/>, the
    /// store's recent endings are not read and only the endings noted here create runs. Passes of both kinds may run at
    /// once, as passes on two nodes do; a node reads endings at least once per dependency interval, so it sees every
    /// ending within it, whichever node wrote it.
    /// </summary>
    public async Task<DependencyPassResult> ResolveAsync(DateTimeOffset now, bool readEndings, CancellationToken cancellationToken = default)
    {
        var endedHere = new List<(string JobId, DateOnly Date)>();
        while (_endedHere.TryDequeue(out var ending)) endedHere.Add(ending);
        var dependents = catalog.Jobs.Where(j => j.HasDependencies).ToList();
        if (dependents.Count == 0) return DependencyPassResult.Nothing;
        var unscheduled = dependents.Where(j => j.Schedule is null).ToList();
        DateTimeOffset? since = readEndings ? ReadEndingsSince(now) : null;
        var (ended, conditions) = await ReadEndingsAsync(unscheduled, since, endedHere, cancellationToken).ConfigureAwait(false);
        // The read above may take a while and runs beside a pass in progress; what a pass writes is written by one pass at
        // a time, so this node's passes never hold row locks the other waits for.
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await CreateAndJudgeAsync(unscheduled, ended, conditions, now, cancellationToken).ConfigureAwait(false);
            if (readEndings) lock (_scanLock) _lastScan = now;
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<DependencyPassResult> CreateAndJudgeAsync(IReadOnlyList<Job> unscheduled, IReadOnlyList<(string JobId, DateOnly BusinessDate)> ended,
        IReadOnlyList<(string Name, DateOnly BusinessDate)> conditions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (created, releasedAtCreation) = await CreateDateRunsAsync(unscheduled, ended, conditions, now, cancellationToken).ConfigureAwait(false);
        var waiting = await store.Runs.DependencyWaitingAsync(now, options.MaxClaim, cancellationToken).ConfigureAwait(false);
        if (waiting.Count == 0) return new DependencyPassResult(created, releasedAtCreation, 0);
        var facts = await GatherAsync(waiting, cancellationToken).ConfigureAwait(false);

        var release = new List<(long, string)>();
        var notes = new List<(long, string)>();
        var timeouts = new List<(long, string)>();
        foreach (var run in waiting)
        {
            // A job deleted, or no longer dependent, has nothing to wait for: the claim ends a deleted job's run.
            if (catalog.Find(run.JobId) is not { HasDependencies: true } job)
            {
                release.Add((run.Id, "dependencies no longer apply"));
                continue;
            }
            var verdict = DependencyCheck.Judge(job, DateOf(run, job), run.DueAt, now, facts);
            switch (verdict.Status)
            {
                case DependencyStatus.Ready:
                    release.Add((run.Id, Transition(verdict)));
                    break;
                case DependencyStatus.TimedOut:
                    timeouts.Add((run.Id, StoredReason.Write(verdict.Why!)));
                    break;
                default:
                    var why = StoredReason.Write(verdict.Why!);
                    if (run.Detail != why) notes.Add((run.Id, why));
                    break;
            }
        }
        var released = release.Count == 0 ? [] : await store.Runs.ReleaseWaitingAsync(release, now, cancellationToken).ConfigureAwait(false);
        if (notes.Count > 0) await store.Runs.NoteWaitingAsync(notes, now, cancellationToken).ConfigureAwait(false);
        var timedOut = timeouts.Count == 0 ? [] : await store.Runs.TimeOutWaitingAsync(timeouts, now, cancellationToken).ConfigureAwait(false);
        foreach (var run in timedOut)
            _logger.LogWarning("Run {RunId} of {JobId} for {BusinessDate} was skipped: its dependencies did not hold by its waitUntil", run.Id, run.JobId, BusinessDates.ToText(run.BusinessDate));
        return new DependencyPassResult(created, releasedAtCreation + released.Count, timedOut.Count, timedOut);
    }

    // From the previous read of endings, less the overlap; the whole look-back on a first read and once in a while.
    private DateTimeOffset ReadEndingsSince(DateTimeOffset now)
    {
        lock (_scanLock)
        {
            var full = _lastFullScan is not { } scanned || now - scanned >= FullScanEvery || _lastScan is null;
            if (!full) return _lastScan!.Value - Overlap;
            _lastFullScan = now;
            return now - options.DependencyLookback;
        }
    }

    /// <summary>Judges <paramref name="job"/>'s dependencies for <paramref name="businessDate"/> as they stand now, for explain.</summary>
    public async Task<DependencyVerdict> JudgeAsync(Job job, DateOnly businessDate, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var facts = await GatherAsync([job], [businessDate], cancellationToken).ConfigureAwait(false);
        return DependencyCheck.Judge(job, businessDate, dueAt, now, facts);
    }

    private Task<DependencyFacts> GatherAsync(IReadOnlyList<Run> waiting, CancellationToken cancellationToken)
    {
        var jobs = waiting.Select(r => catalog.Find(r.JobId)).OfType<Job>().DistinctBy(j => j.Id).ToList();
        var dates = waiting.Select(r => catalog.Find(r.JobId) is { } job ? DateOf(r, job) : DateOnly.FromDateTime(r.DueAt.UtcDateTime)).ToList();
        return GatherAsync(jobs, dates, cancellationToken);
    }

    private async Task<DependencyFacts> GatherAsync(IReadOnlyList<Job> jobs, IReadOnlyList<DateOnly> dates, CancellationToken cancellationToken)
    {
        var from = dates.Min().AddDays(-LookbackDays);
        var to = dates.Max();
        var upstreamIds = jobs.Where(j => j.HasDependencies).SelectMany(j => j.After!).Where(d => d.JobId is not null).Select(d => d.JobId!)
            .ToHashSet(StringComparer.Ordinal);
        // A step of a flow that stops on failure also looks at its flow's other steps (see DependencyCheck).
        var stopping = jobs.Where(j => j.Flow is { OnFailure: FlowFailurePolicy.Stop }).Select(j => j.Flow!.Name).ToHashSet(StringComparer.Ordinal);
        var stepsOf = stopping.Count == 0 ? null : catalog.Jobs.Where(j => j.Flow is not null && stopping.Contains(j.Flow.Name))
            .ToLookup(j => j.Flow!.Name, j => j.Id, StringComparer.Ordinal);
        if (stepsOf is not null) upstreamIds.UnionWith(stepsOf.SelectMany(g => g));
        var states = upstreamIds.Count == 0 ? [] : await store.Runs.DateStatesAsync(upstreamIds, from, to, cancellationToken).ConfigureAwait(false);
        var needsConditions = jobs.Any(j => j.After?.Any(d => d.Condition is not null) == true);
        var conditions = needsConditions ? await store.Conditions.ListAsync(from, to, cancellationToken).ConfigureAwait(false) : [];
        return new DependencyFacts(catalog.Find, catalog.Calendars.Find, states, conditions.Select(c => (c.Name, c.BusinessDate)), stepsOf is null ? null : name => stepsOf[name]);
    }

    // A run's business date; a slot of a job without a calendar still has one (its local date), so this is a fallback.
    private static DateOnly DateOf(Run run, Job job) =>
        run.BusinessDate ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(run.SlotTime ?? run.DueAt, job.Schedule?.Zone ?? TimeZoneInfo.Utc).DateTime);

    private static string Transition(DependencyVerdict verdict) =>
        "dependencies met: " + string.Join(", ", verdict.Lines.Select(l => l.Dependency.JobId is { } id
            ? $"{id} {BusinessDates.ToText(l.Date)}"
            : $"{l.Dependency.Condition} {BusinessDates.ToText(l.Date)}").Take(10)) + (verdict.Lines.Count > 10 ? string.Create(CultureInfo.InvariantCulture, $" and {verdict.Lines.Count - 10} more") : "");
}

/// <summary>What one dependency pass did.</summary>
public sealed record DependencyPassResult(int Created, int Released, int TimedOutCount, IReadOnlyList<Run>? TimedOut = null)
{
    public static DependencyPassResult Nothing { get; } = new(0, 0, 0);
}
