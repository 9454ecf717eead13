using System.Collections.Concurrent;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Time;
using Microsoft.Extensions.Logging;

namespace Kairos.Scheduling;

/// <summary>
/// What became of runs whose node stopped while they ran. A supervised action (a command) is asked of its journal:
/// one that never began goes back to the queue, one still running is adopted and followed to its end, one that ended
/// is recorded with its real outcome, and only one whose trace is gone is recorded as lost (and retried by policy).
/// </summary>
public sealed partial class KairosScheduler
{
    private readonly ConcurrentDictionary<(long RunId, int Attempt), (IDurableActionExecutor Executor, string Node)> _journaled = new();
    private IDurableActionExecutor[]? _durableExecutors;

    private IDurableActionExecutor[] Durable => _durableExecutors ??= _executors.OfType<IDurableActionExecutor>().ToArray();

    // The executor that keeps a journal for this job's action, if any does.
    private IDurableActionExecutor? DurableFor(Job? job) => job is null ? null : Array.Find(Durable, d => d.CanExecute(job.Action));

    /// <summary>Settles the runs this node left running before it restarted, at once rather than after their leases.</summary>
    private async Task RecoverOwnRunsAsync(CancellationToken cancellationToken)
    {
        await store.Runs.ReleaseClaimsAsync(options.NodeId, null, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var mine = new List<Run>();
        long? before = null;
        while (true)
        {
            var page = await store.Runs.ListAsync(new RunQuery(State: RunState.Running, BeforeId: before, Limit: 1000), cancellationToken).ConfigureAwait(false);
            mine.AddRange(page.Where(r => r.Node == options.NodeId));
            if (page.Count < 1000) break;
            before = page[^1].Id;
        }
        foreach (var run in mine) await IsolatedAsync(run, () => SettleAsync(run, adopt: true, cancellationToken)).ConfigureAwait(false);
        // Journals of attempts the store has already finished (the node died between writing the outcome and
        // dropping the journal) are swept now.
        var running = mine.Select(r => (r.Id, r.Attempt)).ToHashSet();
        foreach (var durable in Durable)
        {
            foreach (var (runId, attempt) in durable.Journaled(options.NodeId).Where(j => !running.Contains(j)))
                ForgetQuietly(durable, options.NodeId, runId, attempt);
        }
    }

    // What one run's data does wrong is logged against that run; the pass goes on to the others, which would otherwise
    // wait (and their jobs with them) until the one run's problem was fixed by hand. Cancellation still ends the pass.
    private async Task IsolatedAsync(Run run, Func<Task> settle)
    {
        try
        {
            await settle().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            logger.LogError(e, "Settling run {RunId} of {JobId} failed; the other runs are settled, this one is tried again on the next pass", run.Id, run.JobId);
        }
    }

    private async Task SettleAsync(Run run, bool adopt, CancellationToken cancellationToken)
    {
        var job = catalog.Find(run.JobId);
        var durable = DurableFor(job);
        var node = run.Node ?? options.NodeId;
        if (durable is null || !durable.Knows(node))
        {
            var why = durable is null
                ? adopt ? $"node {node} restarted while it ran" : $"node {node} stopped renewing its lease (it crashed or lost the store)"
                : $"node {node} died while it ran and its journal is not on this machine: whether the action finished is unknown";
            await FailLostAsync([run], _ => why, cancellationToken).ConfigureAwait(false);
            return;
        }
        var trace = durable.Inspect(node, run.Id, run.Attempt);
        switch (trace.Status)
        {
            case AttemptStatus.NotStarted:
                logger.LogWarning("Run {RunId} of {JobId}: node {Node} stopped before its action began; back to the queue", run.Id, run.JobId, node);
                _handedBack.Enqueue(run);
                ForgetQuietly(durable, node, run.Id, run.Attempt);
                break;
            case AttemptStatus.Running when !adopt:
                break; // its supervisor still runs it; it stops the action once the node has been silent long enough
            case AttemptStatus.Running or AttemptStatus.Ended:
                logger.LogWarning("Run {RunId} of {JobId}: {What} the attempt node {Node} started", run.Id, run.JobId,
                    trace.Status == AttemptStatus.Running ? "adopting" : "recording the outcome of", node);
                await AdoptAsync(run, job!, durable, node, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await FailLostAsync([run], _ => $"node {node} stopped while it ran and the action's supervisor is gone without an outcome (the machine restarted?): whether it finished is unknown", cancellationToken).ConfigureAwait(false);
                ForgetQuietly(durable, node, run.Id, run.Attempt);
                break;
        }
    }

    // A silent node's run whose journal here says it ended: record that now. Safe even if the node is only slow: it
    // would record the same outcome from the same journal, and the store keeps the first.
    private async Task SettleIfEndedAsync(Run run, CancellationToken cancellationToken)
    {
        var job = catalog.Find(run.JobId);
        var durable = DurableFor(job);
        if (durable is null || run.Node is not { } node || !durable.Knows(node)) return;
        if (durable.Inspect(node, run.Id, run.Attempt).Status != AttemptStatus.Ended) return;
        logger.LogWarning("Run {RunId} of {JobId}: node {Node} is silent and the attempt it started has ended; recording its outcome", run.Id, run.JobId, node);
        await AdoptAsync(run, job!, durable, node, cancellationToken).ConfigureAwait(false);
    }

    private async Task AdoptAsync(Run run, Job job, IDurableActionExecutor durable, string node, CancellationToken cancellationToken)
    {
        var linesStored = await LinesStoredAsync(run, cancellationToken).ConfigureAwait(false);
        var message = run.Trigger == TriggerKind.Event ? await store.Runs.TriggerMessageAsync(run.Id, cancellationToken).ConfigureAwait(false) : null;
        var left = job.Timeout - (clock.GetUtcNow() - (run.StartedAt ?? clock.GetUtcNow()));
        var attempt = new RunningAttempt(run, new CancellationTokenSource(left > TimeSpan.Zero ? SaturatingTime.Timer(left) : TimeSpan.FromMilliseconds(1), clock))
        {
            ActionStarted = true,
            LeaseUntil = clock.GetUtcNow(), // renewed on the next pass
        };
        // An operator asked to kill it before its node stopped: it ends killed (and is not retried), whatever it did since.
        if (run.KillRequested) attempt.RequestStop(StopReason.Killed, "an operator (kill request)");
        _running[run.Id] = attempt;
        _journaled[(run.Id, run.Attempt)] = (durable, node);
        attempt.Execution = Task.Run(async () =>
        {
            ActionOutcome outcome;
            try
            {
                var context = new ActionContext(run, job, _output.For(run.Id, run.Attempt, linesStored), message);
                outcome = await durable.AdoptAsync(context, node, linesStored, attempt.Stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "Following run {RunId} of {JobId} after a restart failed", run.Id, run.JobId);
                outcome = new ActionOutcome(false, $"executor error while adopting it: {e.Message}");
            }
            Finish(attempt, job, outcome, run.StartedAt);
        }, CancellationToken.None);
    }

    // Lines of this attempt the store already has: an adopted attempt's output continues after them.
    private async Task<int> LinesStoredAsync(Run run, CancellationToken cancellationToken)
    {
        var (first, last) = RunOutputBuffer.SeqRange(run.Attempt);
        var after = first - 1;
        var count = 0;
        while (true)
        {
            var page = await store.Logs.ReadAsync(run.Id, after, 10_000, cancellationToken).ConfigureAwait(false);
            var mine = page.Where(l => l.Seq <= last).ToList();
            count += mine.Count;
            if (mine.Count < 10_000 || mine.Count < page.Count) return count;
            after = mine[^1].Seq;
        }
    }

    private void TrackJournal(Run run, Job? job)
    {
        if (DurableFor(job) is { } durable)
            _journaled[(run.Id, run.Attempt)] = (durable, options.NodeId);
    }

    // Once the store holds an attempt's outcome, its journal has done its work.
    private void ForgetJournal(RunCompletion completion)
    {
        if (_journaled.TryRemove((completion.RunId, completion.Attempt), out var journal))
            ForgetQuietly(journal.Executor, journal.Node, completion.RunId, completion.Attempt);
    }

    // A journal that cannot be dropped now is swept when the node next starts; it must not stop the others.
    private void ForgetQuietly(IDurableActionExecutor durable, string node, long runId, int attempt)
    {
        try { durable.Forget(node, runId, attempt); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not drop the journal of run {RunId} attempt {Attempt}", runId, attempt);
        }
    }

    private async Task FailLostAsync(List<Run> lost, Func<Run, string> why, CancellationToken cancellationToken)
    {
        if (lost.Count == 0) return;
        var now = clock.GetUtcNow();
        var completions = lost.Select(r =>
        {
            var retry = catalog.Find(r.JobId)?.Retry.DelayBefore(r.Attempt + 1);
            return new RunCompletion(r.Id, r.Attempt, RunState.Failed, now, why(r), RetryAt: retry is { } d ? SaturatingTime.Add(now, d) : null);
        }).ToList();
        await store.Runs.CompleteAsync(completions, cancellationToken).ConfigureAwait(false);
        foreach (var c in completions)
        {
            logger.LogWarning("Run {RunId}: {Detail}", c.RunId, c.Detail);
            events.OnAttemptCompleted(c);
        }
    }
}
