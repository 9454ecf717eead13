using System.Collections.Concurrent;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Microsoft.Extensions.Logging;

namespace Kairos.Scheduling;

/// <summary>
/// One scheduler node: plans slots, claims due runs, executes them under leases, and writes outcomes in batches.
/// Any number of nodes may share one store; the store's unique slot key and atomic claim keep each slot to one run.
/// </summary>
public sealed partial class KairosScheduler(
    IKairosStore store,
    JobCatalog catalog,
    IEnumerable<IActionExecutor> executors,
    SchedulerOptions options,
    SchedulerEvents events,
    TimeProvider clock,
    ILogger<KairosScheduler> logger) : IAsyncDisposable
{
    private readonly SlotPlanningService _planner = new(store, catalog, options, events, logger);
    private readonly DependencyResolver _dependencies = new(store, catalog, options, logger);
    private readonly RunOutputBuffer _output = new(clock);
    private readonly ConcurrentDictionary<long, RunningAttempt> _running = new();
    private readonly ConcurrentQueue<RunCompletion> _completions = new();
    private readonly ConcurrentQueue<long> _released = new();
    private readonly ConcurrentQueue<Run> _handedBack = new();
    // Runs whose outcome is known here but not yet written: not "lost", though no attempt follows them any more.
    private readonly ConcurrentDictionary<long, int> _completing = new();
    // The job and business date of each run in _completing that has one, for the dependency pass once the outcome is written.
    private readonly ConcurrentDictionary<long, (string JobId, DateOnly Date)> _endings = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SemaphoreSlim _dependencyWake = new(0, 1);
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly IActionExecutor[] _executors = executors.ToArray();
    private readonly RunStarter _starter = new(store.Runs, options, clock, logger);
    private readonly ClaimShare _share = new(options.NodeId);
    private DateTimeOffset? _storeHealthySince;
    private CancellationTokenSource? _loops;
    private CancellationTokenSource? _background;
    private Task[] _loopTasks = [];
    private Task[] _backgroundTasks = [];

    public string NodeId => options.NodeId;

    /// <summary>Runs executing on this node now.</summary>
    public IReadOnlyCollection<long> RunningIds => _running.Keys.ToList();

    /// <summary>
    /// When this node last wrote its heartbeat to the store; null before the first. Readiness reports a node that
    /// cannot write as not ready.
    /// </summary>
    public DateTimeOffset? LastHeartbeat { get; private set; }

    /// <summary>
    /// Tells the other nodes (and this node's supervisors) that this node is alive again, before the slower start-up
    /// work (job files, catalog). A node restarted after a crash must reclaim its name quickly: once it has been silent
    /// for the node timeout, another node settles the runs it left as "unknown" and retries them, and the restarted
    /// node, which can read their journals, would have recorded their real outcome instead.
    /// </summary>
    public Task AnnounceAsync(CancellationToken cancellationToken = default) => HeartbeatAsync(cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await catalog.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
        _loops = new CancellationTokenSource();
        _background = new CancellationTokenSource();
        var control = options.ControlInterval < options.Lease / 3 ? options.ControlInterval : options.Lease / 3;
        _backgroundTasks =
        [
            _starter.RunAsync(_background.Token),
            Loop("flush", FlushAsync, options.FlushInterval, _background.Token),
            Loop("journal heartbeat", TouchJournalsAsync, options.ControlInterval, _background.Token),
        ];
        await RecoverOwnRunsAsync(cancellationToken).ConfigureAwait(false);
        // After recovery, so the runs it settles are not settled a second time by the first pass.
        _backgroundTasks = [.. _backgroundTasks, Loop("leases", KeepLeasesAsync, control, _background.Token)];
        _loopTasks =
        [
            Loop("plan", PlanOnceAsync, options.PlanInterval, _loops.Token), DispatchLoopAsync(_loops.Token),
            Loop("dependency", DependencyScanAsync, options.DependencyInterval, _loops.Token), DependencyLoopAsync(_loops.Token),
        ];
        logger.LogInformation("Scheduler node {Node} started", options.NodeId);
    }

    /// <summary>Wakes the dispatcher now, for a run created on this node (trigger, rerun) that is already due.</summary>
    public void Wake()
    {
        try { if (_wake.CurrentCount == 0) _wake.Release(); }
        catch (SemaphoreFullException) { }
    }

    /// <summary>One planning pass now (also run by the plan loop).</summary>
    public async Task PlanOnceAsync(CancellationToken cancellationToken = default)
    {
        await catalog.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await _planner.PlanAsync(clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Wake();
    }

    /// <summary>Stops claiming, gives running runs the shutdown grace, kills what remains and records each outcome.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_loops is null) return;
        await _loops.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loopTasks).ConfigureAwait(false);
        foreach (var waiting in _running.Values.Where(r => !r.ActionStarted)) waiting.RequestStop(StopReason.Shutdown);
        var deadline = clock.GetUtcNow() + options.ShutdownGrace;
        while (!_running.IsEmpty && clock.GetUtcNow() < deadline && !cancellationToken.IsCancellationRequested)
            await Task.WhenAny(Task.WhenAll(_running.Values.Select(r => r.Execution)), Task.Delay(TimeSpan.FromMilliseconds(50), clock)).ConfigureAwait(false);
        foreach (var attempt in _running.Values)
        {
            logger.LogWarning("Run {RunId} of {JobId} is still running at shutdown; stopping it", attempt.Run.Id, attempt.Run.JobId);
            attempt.RequestStop(StopReason.Shutdown);
        }
        await Task.WhenAll(_running.Values.Select(r => r.Execution)).ConfigureAwait(false);
        await _background!.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_backgroundTasks).ConfigureAwait(false);
        await DrainAsync().ConfigureAwait(false);
        try { await store.Runs.ReleaseClaimsAsync(options.NodeId, null, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false); }
        catch (Exception e) when (e is not OutOfMemoryException) { logger.LogWarning(e, "Could not hand back this node's claims; they lapse by themselves in {ClaimFor}", options.ClaimFor); }
        _loops = null;
        logger.LogInformation("Scheduler node {Node} stopped", options.NodeId);
    }

    // Every outcome reaches the store before the node stops, however many are still queued. If the store keeps failing,
    // the runs' leases expire and another node records them as lost: the store stays consistent either way.
    private async Task DrainAsync()
    {
        for (var failures = 0; !_completions.IsEmpty || !_output.IsEmpty || !_released.IsEmpty || !_handedBack.IsEmpty;)
        {
            try
            {
                await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException && ++failures < 3)
            {
                logger.LogError(e, "Writing outcomes at shutdown failed; trying again");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "{Count} outcomes could not be written at shutdown; their leases will expire and other nodes will record them", _completions.Count);
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _wake.Dispose();
        _dependencyWake.Dispose();
        _flushGate.Dispose();
    }

    private Task Loop(string name, Func<CancellationToken, Task> body, TimeSpan interval, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await body(cancellationToken).ConfigureAwait(false);
                await Task.Delay(interval, clock, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "Scheduler {Loop} pass failed; retrying", name);
                try { await Task.Delay(interval, clock, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
            }
        }
    }, CancellationToken.None);
}
