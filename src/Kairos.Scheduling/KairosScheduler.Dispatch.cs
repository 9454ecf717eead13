using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Time;
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
                var claim = await store.Runs.ClaimDueAsync(options.NodeId, now, now + options.ClaimAhead, options.ClaimFor, options.MaxClaim, LateSlots, _share.ClaimsAhead, cancellationToken).ConfigureAwait(false);
                foreach (var run in claim.Claimed) StartIsolated(run);
                foreach (var id in claim.ToReplace)
                {
                    if (_running.TryGetValue(id, out var old)) old.RequestStop(StopReason.Replaced, "a newer slot (overlap policy replace)");
                }
                foreach (var run in claim.Skipped) events.OnRunSkipped(run);
                runsWaiting = claim.Waiting > 0;
                if (claim.Claimed.Count + claim.Skipped.Count >= options.MaxClaim) continue;

                var next = await store.Runs.NextDueAtAsync(clock.GetUtcNow(), options.ClaimAhead, cancellationToken).ConfigureAwait(false);
                var wait = (next ?? DateTimeOffset.MaxValue) - options.ClaimAhead - clock.GetUtcNow();
                if (wait > options.PollInterval) wait = options.PollInterval;
                // Work is due but this claim left it waiting (one run at a time for a forbid job): look again shortly, not at once.
                if (wait <= TimeSpan.Zero && claim.Claimed.Count + claim.Skipped.Count == 0) wait = TimeSpan.FromMilliseconds(10);
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

    private MisfireRule? _misfireRule;

    // Slots claimed late (planned before a stop, or claimed after their node died) follow their job's misfire policy.
    private MisfireRule LateSlots => _misfireRule ??= new MisfireRule(id => catalog.Find(id)?.Misfire, options.MisfireThreshold);

    // One run whose job cannot be set up must not keep the rest of the claim from starting: it starts without its
    // job, which records it failed with the reason, instead of throwing out of the claim with every other run.
    private void StartIsolated(Run run)
    {
        try
        {
            Start(run, catalog.Find(run.JobId));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Run {RunId} of {JobId} could not be prepared; it is recorded failed", run.Id, run.JobId);
            _running.TryRemove(run.Id, out _);
            Start(run, null, $"it could not be prepared on node {options.NodeId}: {e.Message}");
        }
    }

    private void Start(Run run, Job? job, string? problem = null)
    {
        var timeout = job is null ? Timeout.InfiniteTimeSpan : SaturatingTime.Timer(job.Timeout + Max(run.StartedAt!.Value - clock.GetUtcNow(), TimeSpan.Zero));
        var attempt = new RunningAttempt(run, new CancellationTokenSource(timeout, clock));
        _running[run.Id] = attempt;
        attempt.Execution = Task.Run(() => ExecuteAsync(attempt, job, problem));
    }

    private async Task ExecuteAsync(RunningAttempt attempt, Job? job, string? problem)
    {
        ActionOutcome outcome;
        DateTimeOffset? actualStart = null;
        try
        {
            var executor = job is null ? null : Array.Find(_executors, e => e.CanExecute(job.Action));
            if (!await WaitForStartAsync(attempt.Run.StartedAt!.Value, attempt.Stop.Token).ConfigureAwait(false))
            {
                // Killed before it began: the operator's kill stands, the run ends killed without running.
                if (attempt.Reason == StopReason.Killed && await CancelClaimedAsync(attempt).ConfigureAwait(false)) return;
                // Stopped before it began (shutdown): nothing of it happened here, so the claim goes back and the run
                // stays in the queue for another node, or for this one after a restart.
                _released.Enqueue(attempt.Run.Id);
                Forget(attempt);
                return;
            }
            // The store learns that the action begins before it begins: a node that dies from here on is known to
            // have started it, and its journal says what became of it.
            if (await _starter.StartAsync(attempt.Run).ConfigureAwait(false) is not { } started)
            {
                // Not started here (the store refused or could not be written): the claim goes back, if it is still ours.
                _released.Enqueue(attempt.Run.Id);
                Forget(attempt);
                return;
            }
            attempt.Run = started;
            attempt.LeaseUntil = started.LeaseUntil!.Value;
            attempt.ActionStarted = true;
            var run = started;
            if (attempt.Reason == StopReason.Shutdown)
            {
                // Shutdown came while the start was being written: the action has not begun, so the run goes back.
                _handedBack.Enqueue(run);
                Forget(attempt);
                return;
            }
            if (attempt.Reason == StopReason.Killed)
            {
                outcome = new ActionOutcome(false, "its action did not begin");
            }
            else if (job is null || executor is null)
            {
                outcome = new ActionOutcome(false, problem ?? (job is null ? $"job '{run.JobId}' is not loaded on node {options.NodeId}" : $"no executor for {job.Action.GetType().Name}"));
            }
            else
            {
                var message = run.Trigger == TriggerKind.Event ? await store.Runs.TriggerMessageAsync(run.Id, attempt.Stop.Token).ConfigureAwait(false) : null;
                var context = new ActionContext(run, job, _output.For(run.Id, run.Attempt), message);
                TrackJournal(run, job);
                actualStart = clock.GetUtcNow();
                events.OnRunStarted(run, actualStart.Value);
                outcome = await executor.ExecuteAsync(context, attempt.Stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Run {RunId} of {JobId} failed in its executor", attempt.Run.Id, attempt.Run.JobId);
            outcome = new ActionOutcome(false, $"executor error: {e.Message}");
        }
        Finish(attempt, job, outcome, actualStart);
    }

    private async Task<bool> CancelClaimedAsync(RunningAttempt attempt)
    {
        try
        {
            await store.Runs.CancelWaitingAsync(attempt.Run.Id, attempt.StoppedBy ?? "an operator", clock.GetUtcNow()).ConfigureAwait(false);
            Forget(attempt);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Run {RunId} of {JobId} was killed before it began, but that could not be recorded; it goes back to the queue", attempt.Run.Id, attempt.Run.JobId);
            return false;
        }
    }

    // Queued before the attempt leaves the running set: shutdown waits on that set, then writes what is queued.
    private void Finish(RunningAttempt attempt, Job? job, ActionOutcome outcome, DateTimeOffset? actualStart)
    {
        _completing[attempt.Run.Id] = attempt.Run.Attempt;
        if (attempt.Run.BusinessDate is { } date) _endings[attempt.Run.Id] = (attempt.Run.JobId, date);
        _completions.Enqueue(Complete(attempt.Run, job, outcome, attempt) with { StartedAt = actualStart });
        Forget(attempt);
    }

    // Only this attempt leaves the set: a claim of this node that lapsed (its start was written too late) can be
    // claimed again, and the newer attempt of the same run must stay tracked when the older one gives up.
    private void Forget(RunningAttempt attempt)
    {
        attempt.Stop.Dispose();
        _running.TryRemove(new KeyValuePair<long, RunningAttempt>(attempt.Run.Id, attempt));
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
        if (state is RunState.Failed or RunState.TimedOut && job?.Retry.DelayBefore(run.Attempt + 1) is { } delay) retryAt = SaturatingTime.Add(now, delay);
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
        // What could not be written goes back into its queue for the next pass, like outcomes: a claim this node never
        // hands back is one it will not take again.
        if (!_released.IsEmpty)
        {
            var released = new List<long>();
            while (_released.TryDequeue(out var id)) released.Add(id);
            try
            {
                await store.Runs.ReleaseClaimsAsync(options.NodeId, released, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                foreach (var id in released) _released.Enqueue(id);
                throw;
            }
        }
        if (!_handedBack.IsEmpty)
        {
            var handedBack = new List<Run>();
            while (_handedBack.TryDequeue(out var run)) handedBack.Add(run);
            try
            {
                await store.Runs.ReleaseAsync(handedBack, $"handed back by node {options.NodeId} before its action began", clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                foreach (var run in handedBack) _handedBack.Enqueue(run);
                throw;
            }
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
        var ended = new List<(string JobId, DateOnly Date)>();
        foreach (var c in batch)
        {
            if (_endings.TryRemove(c.RunId, out var ending) && c.RetryAt is null) ended.Add(ending);
            _completing.TryRemove(c.RunId, out _);
            events.OnAttemptCompleted(c);
            ForgetJournal(c);
        }
        if (batch.Any(c => c.RetryAt is not null)) Wake();
        _dependencies.NoteEnded(ended);
        WakeDependencies(); // an ending may be what a waiting run needs
    }
}
