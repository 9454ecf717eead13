using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Microsoft.Extensions.Logging;

namespace Kairos.Scheduling;

public sealed partial class KairosScheduler
{
    /// <summary>Stops a run executing on this node. False when it is not running here.</summary>
    public bool Kill(long runId, string actor)
    {
        if (!_running.TryGetValue(runId, out var attempt)) return false;
        attempt.RequestStop(StopReason.Killed, actor);
        return true;
    }

    private async Task KeepLeasesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Only leases with less than two thirds left are renewed: short runs finish on their first lease and cost nothing here.
        var renew = _running.Values.Where(a => a.LeaseUntil - now < options.Lease * 2 / 3).ToList();
        if (renew.Count > 0)
        {
            await store.Runs.RenewLeasesAsync(options.NodeId, renew.Select(a => a.Run.Id).ToList(), now + options.Lease, cancellationToken).ConfigureAwait(false);
            foreach (var attempt in renew) attempt.LeaseUntil = now + options.Lease;
        }
        foreach (var id in await store.Runs.KillRequestsAsync(options.NodeId, cancellationToken).ConfigureAwait(false))
        {
            if (_running.TryGetValue(id, out var attempt) && attempt.Reason == StopReason.None)
                attempt.RequestStop(StopReason.Killed, "an operator (kill request)");
        }
        var lost = (await store.Runs.ExpiredLeasesAsync(now, cancellationToken).ConfigureAwait(false))
            .Where(r => !_running.ContainsKey(r.Id)).ToList();
        await FailLostAsync(lost, r => $"node {r.Node} stopped renewing its lease (it crashed or lost the store)", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs this node owned before it restarted cannot still be running: record them now rather than after the lease.</summary>
    private async Task RecoverOwnRunsAsync(CancellationToken cancellationToken)
    {
        var mine = new List<Run>();
        long? before = null;
        while (true)
        {
            var page = await store.Runs.ListAsync(new RunQuery(State: RunState.Running, BeforeId: before, Limit: 1000), cancellationToken).ConfigureAwait(false);
            mine.AddRange(page.Where(r => r.Node == options.NodeId));
            if (page.Count < 1000) break;
            before = page[^1].Id;
        }
        await FailLostAsync(mine, _ => $"node {options.NodeId} restarted while it ran", cancellationToken).ConfigureAwait(false);
    }

    private async Task FailLostAsync(List<Run> lost, Func<Run, string> why, CancellationToken cancellationToken)
    {
        if (lost.Count == 0) return;
        var now = clock.GetUtcNow();
        var completions = lost.Select(r =>
        {
            var retry = catalog.Find(r.JobId)?.Retry.DelayBefore(r.Attempt + 1);
            return new RunCompletion(r.Id, r.Attempt, RunState.Failed, now, why(r), RetryAt: retry is { } d ? now + d : null);
        }).ToList();
        await store.Runs.CompleteAsync(completions, cancellationToken).ConfigureAwait(false);
        foreach (var c in completions)
        {
            logger.LogWarning("Run {RunId}: {Detail}", c.RunId, c.Detail);
            events.OnAttemptCompleted(c);
        }
    }
}
