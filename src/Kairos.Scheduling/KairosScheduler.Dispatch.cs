using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Microsoft.Extensions.Logging;

namespace Kairos.Scheduling;

public sealed partial class KairosScheduler
{
    private Task DispatchLoopAsync(CancellationToken cancellationToken) => Task.Run(async () =>
    {
        var runsWaiting = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // When runs wait behind a running run of their job, outcomes go in first, so a run that has finished
                // here is not taken for one still running. Otherwise the flush loop writes them, off this path.
                if (runsWaiting) await FlushAsync(cancellationToken).ConfigureAwait(false);
                var now = clock.GetUtcNow();
                var claim = await store.Runs.ClaimDueAsync(options.NodeId, now, now + options.ClaimAhead, options.Lease, options.MaxClaim, cancellationToken).ConfigureAwait(false);
                foreach (var run in claim.Started) Start(run);
                foreach (var id in claim.ToReplace)
                {
                    if (_running.TryGetValue(id, out var old)) old.RequestStop(StopReason.Replaced, "a newer slot (overlap policy replace)");
                }
                foreach (var run in claim.Skipped) events.OnRunSkipped(run);
                runsWaiting = claim.Waiting > 0;
                if (claim.Started.Count + claim.Skipped.Count >= options.MaxClaim) continue;

                var next = await store.Runs.NextDueAtAsync(cancellationToken).ConfigureAwait(false);
                var wait = (next ?? DateTimeOffset.MaxValue) - options.ClaimAhead - clock.GetUtcNow();
                if (wait > options.PollInterval) wait = options.PollInterval;
                // Work is due but this claim left it waiting (one run at a time for a forbid job): look again shortly, not at once.
                if (wait <= TimeSpan.Zero && claim.Started.Count + claim.Skipped.Count == 0) wait = TimeSpan.FromMilliseconds(10);
                if (wait <= TimeSpan.Zero) continue;
                using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var woke = _wake.WaitAsync(delay.Token);
                await Task.WhenAny(woke, Task.Delay(wait, clock, delay.Token)).ConfigureAwait(false);
                await delay.CancelAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "Claiming due runs failed; retrying");
                try { await Task.Delay(options.PollInterval, clock, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
            }
        }
    }, CancellationToken.None);

    private void Start(Run run)
    {
        var job = catalog.Find(run.JobId);
        var timeout = job is null ? Timeout.InfiniteTimeSpan : job.Timeout + Max(run.StartedAt!.Value - clock.GetUtcNow(), TimeSpan.Zero);
        var attempt = new RunningAttempt(run, new CancellationTokenSource(timeout, clock));
        _running[run.Id] = attempt;
        attempt.Execution = Task.Run(() => ExecuteAsync(attempt, job));
    }

    private async Task ExecuteAsync(RunningAttempt attempt, Job? job)
    {
        var run = attempt.Run;
        ActionOutcome outcome;
        DateTimeOffset? actualStart = null;
        var released = false;
        try
        {
            var executor = job is null ? null : Array.Find(_executors, e => e.CanExecute(job.Action));
            if (job is null || executor is null)
            {
                outcome = new ActionOutcome(false, job is null ? $"job '{run.JobId}' is not loaded on node {options.NodeId}" : $"no executor for {job.Action.GetType().Name}");
            }
            else if (!await WaitForStartAsync(run.StartedAt!.Value, attempt.Stop.Token).ConfigureAwait(false))
            {
                // At shutdown an unstarted run goes back to the queue for another node: nothing of it happened here.
                released = attempt.Reason == StopReason.Shutdown;
                outcome = new ActionOutcome(false, "stopped before it started");
            }
            else
            {
                attempt.ActionStarted = true;
                var message = run.Trigger == TriggerKind.Event ? await store.Runs.TriggerMessageAsync(run.Id, attempt.Stop.Token).ConfigureAwait(false) : null;
                var context = new ActionContext(run, job, _output.For(run.Id, run.Attempt), message);
                actualStart = clock.GetUtcNow();
                events.OnRunStarted(run, actualStart.Value);
                outcome = await executor.ExecuteAsync(context, attempt.Stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Run {RunId} of {JobId} failed in its executor", run.Id, run.JobId);
            outcome = new ActionOutcome(false, $"executor error: {e.Message}");
        }
        // Queued before the attempt leaves the running set: shutdown waits on that set, then writes what is queued.
        if (released) _released.Enqueue(run);
        else _completions.Enqueue(Complete(run, job, outcome, attempt) with { StartedAt = actualStart });
        attempt.Stop.Dispose();
        _running.TryRemove(run.Id, out _);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // Claimed runs start on their slot's instant, not when the claim committed. Timers round to milliseconds and may
    // fire a fraction early, so the wait repeats until the clock has reached the instant: a run never starts before its slot.
    private async Task<bool> WaitForStartAsync(DateTimeOffset startAt, CancellationToken stop)
    {
        try
        {
            for (var wait = startAt - clock.GetUtcNow(); wait > TimeSpan.Zero; wait = startAt - clock.GetUtcNow())
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), clock, stop).ConfigureAwait(false);
            return !stop.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private RunCompletion Complete(Run run, Job? job, ActionOutcome outcome, RunningAttempt attempt)
    {
        var now = clock.GetUtcNow();
        var reason = attempt.Reason == StopReason.None && attempt.Stop.IsCancellationRequested ? StopReason.Timeout : attempt.Reason;
        var state = outcome.Succeeded && reason == StopReason.None ? RunState.Succeeded : reason switch
        {
            StopReason.None => RunState.Failed,
            StopReason.Timeout => RunState.TimedOut,
            _ => RunState.Killed,
        };
        var detail = reason switch
        {
            StopReason.Timeout => $"timed out after {job?.Timeout}; {outcome.Detail}",
            StopReason.Killed => $"killed by {attempt.StoppedBy}; {outcome.Detail}",
            StopReason.Replaced => $"replaced by {attempt.StoppedBy}; {outcome.Detail}",
            StopReason.Shutdown => $"killed: node {options.NodeId} shut down while it ran; {outcome.Detail}",
            _ => outcome.Detail,
        };
        DateTimeOffset? retryAt = null;
        if (state is RunState.Failed or RunState.TimedOut && job?.Retry.DelayBefore(run.Attempt + 1) is { } delay) retryAt = now + delay;
        return new RunCompletion(run.Id, run.Attempt, state, now, detail, outcome.ExitCode, outcome.HttpStatus, retryAt);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _flushGate.Release();
        }
    }

    private async Task FlushOnceAsync(CancellationToken cancellationToken)
    {
        if (!_released.IsEmpty)
        {
            var released = new List<Run>();
            while (_released.TryDequeue(out var run)) released.Add(run);
            await store.Runs.ReleaseAsync(released, $"released by node {options.NodeId} before it started: the node shut down", clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        while (!_output.IsEmpty)
            await store.Logs.AppendAsync(_output.Drain(), cancellationToken).ConfigureAwait(false);
        var batch = new List<RunCompletion>();
        while (batch.Count < 5000 && _completions.TryDequeue(out var completion)) batch.Add(completion);
        if (batch.Count == 0) return;
        try
        {
            await store.Runs.CompleteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            foreach (var c in batch) _completions.Enqueue(c); // kept for the next pass; the store ignores a repeat
            throw;
        }
        foreach (var c in batch) events.OnAttemptCompleted(c);
        if (batch.Any(c => c.RetryAt is not null)) Wake();
    }
}
