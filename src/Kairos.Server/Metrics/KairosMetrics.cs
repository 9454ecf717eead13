using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Kairos.Core.Alerts;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Scheduling;

namespace Kairos.Server.Metrics;

/// <summary>
/// Kairos's instruments, on the <see cref="MeterName"/> meter that both the Prometheus endpoint and the OTLP exporter
/// read. Counts of what this node did come from the scheduler's events; store-wide gauges (runs by state, queue
/// depth, held jobs) come from a snapshot of the store that <see cref="RefreshAsync"/> takes.
/// </summary>
public sealed class KairosMetrics : IDisposable
{
    public const string MeterName = "Kairos";

    // Seconds, from a millisecond-late start to a five-minute run; the exporters' defaults assume milliseconds.
    private static readonly InstrumentAdvice<double> SecondsBuckets = new() { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] };

    private readonly Meter _meter = new(MeterName, "1.0");
    private readonly Counter<long> _finished;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _alerts;
    private readonly Histogram<double> _lateness;
    private readonly Histogram<double> _duration;
    private readonly ConcurrentDictionary<long, string> _jobOfRun = new();
    private readonly IKairosStore _store;
    private readonly TimeProvider _clock;
    private volatile Snapshot _snapshot = new(new RunCounts(new Dictionary<RunState, int>(), 0), 0);

    private sealed record Snapshot(RunCounts Runs, int HeldJobs);

    public KairosMetrics(SchedulerEvents events, IKairosStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(events);
        _store = store;
        _clock = clock;
        _finished = _meter.CreateCounter<long>("kairos.runs.finished", "{run}", "Runs this node finished, by job and final state");
        _skipped = _meter.CreateCounter<long>("kairos.runs.skipped", "{run}", "Due runs this node skipped, by job and reason");
        _alerts = _meter.CreateCounter<long>("kairos.alerts", "{alert}", "Alerts this node sent, by kind, webhook and outcome");
        _lateness = _meter.CreateHistogram("kairos.run.start.lateness", "s", "How long after its slot (or request) a run's action started", advice: SecondsBuckets);
        _duration = _meter.CreateHistogram("kairos.run.duration", "s", "How long finished attempts ran, by job and state", advice: SecondsBuckets);
        _meter.CreateObservableGauge("kairos.runs.active", ObserveActive, "{run}", "Unfinished runs in the store, by state");
        _meter.CreateObservableGauge("kairos.queue.depth", () => _snapshot.Runs.QueueDepth, "{run}", "Runs due now that have not started, in the store");
        _meter.CreateObservableGauge("kairos.jobs.held", () => _snapshot.HeldJobs, "{job}", "Jobs held by an operator");
        events.RunStarted += OnRunStarted;
        events.AttemptCompleted += OnAttemptCompleted;
        events.RunSkipped += run => _skipped.Add(1, new("job", run.JobId), new("reason", run.SkipReason?.ToWire() ?? "none"));
    }

    /// <summary>Reads the store-wide figures the gauges report.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var runs = await _store.Runs.CountAsync(_clock.GetUtcNow(), ct).ConfigureAwait(false);
        var held = (await _store.Jobs.ListAsync(ct).ConfigureAwait(false)).Count(j => j.Held);
        _snapshot = new Snapshot(runs, held);
    }

    public void AlertSent(AlertKind kind, string webhook, bool delivered) =>
        _alerts.Add(1, new("kind", kind.ToWire()), new("webhook", webhook), new("outcome", delivered ? "sent" : "failed"));

    private IEnumerable<Measurement<int>> ObserveActive() =>
        _snapshot.Runs.ByState.Select(s => new Measurement<int>(s.Value, new KeyValuePair<string, object?>("state", s.Key.ToWire())));

    private void OnRunStarted(Run run, DateTimeOffset at)
    {
        _jobOfRun[run.Id] = run.JobId;
        if (run.Attempt > 1) return; // a retry starts late by design
        var expected = run.SlotTime ?? run.DueAt;
        _lateness.Record(Math.Max(0, (at - expected).TotalSeconds), new("job", run.JobId), new("trigger", run.Trigger.ToString().ToLowerInvariant()));
    }

    private void OnAttemptCompleted(RunCompletion c)
    {
        var job = c.RetryAt is null ? (_jobOfRun.TryRemove(c.RunId, out var j) ? j : "unknown") : _jobOfRun.GetValueOrDefault(c.RunId, "unknown");
        if (c.StartedAt is { } started) _duration.Record((c.FinishedAt - started).TotalSeconds, new("job", job), new("state", c.State.ToWire()));
        if (c.RetryAt is null) _finished.Add(1, new("job", job), new("state", c.State.ToWire()));
    }

    public void Dispose() => _meter.Dispose();
}
