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
        await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        // Only leases with less than two thirds left are renewed: short runs finish on their first lease and cost nothing here.
        var renew = _running.Values.Where(a => a.ActionStarted && a.LeaseUntil - now < options.Lease * 2 / 3).ToList();
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
        await TakeOverDeadNodesAsync(now, cancellationToken).ConfigureAwait(false);
    }

    // The node says it is alive twice over: in its journal folder, for the supervisors of its running actions (which
    // stop their action when their node has been silent too long), on a loop of its own so that slow store calls never
    // starve it; and in the store, for the other nodes. A journal that cannot be touched (a read-only data folder) is
    // loud in the log but does not silence the node in the store.
    private Task TouchJournalsAsync(CancellationToken cancellationToken)
    {
        foreach (var durable in Durable)
        {
            try { durable.Heartbeat(options.NodeId); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogError(e, "Node {Node} cannot touch its journal heartbeat; its supervised commands stop once it is stale", options.NodeId);
            }
        }
        return Task.CompletedTask;
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        await TouchJournalsAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        try
        {
            await store.Nodes.HeartbeatAsync(options.NodeId, now, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _storeHealthySince = null;
            throw;
        }
        _storeHealthySince ??= now;
        LastHeartbeat = now;
    }

    /// <summary>
    /// Runs of nodes that went silent. Within a few missed heartbeats, a run whose journal (on a disk this node shares)
    /// says it ended is recorded with its real outcome: it no longer runs, so it must not hold its job back. A node
    /// silent for the whole node timeout is dead: its supervisors have stopped its commands by then, and every run it
    /// left is settled. The node's own runs whose lease ended without it following them are settled too. A node
    /// judges others only after it has itself reached the store for a whole node timeout, so after an outage of the
    /// store (when every heartbeat is old) live nodes get the time to say so before anyone takes their runs.
    /// </summary>
    private async Task TakeOverDeadNodesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var run in (await store.Runs.ExpiredLeasesAsync(now, options.NodeId, cancellationToken).ConfigureAwait(false))
                     .Where(r => !_running.ContainsKey(r.Id) && !(_completing.TryGetValue(r.Id, out var a) && a == r.Attempt)))
            await IsolatedAsync(run, () => SettleAsync(run, adopt: true, cancellationToken)).ConfigureAwait(false);
        var nodes = await store.Nodes.ListAsync(cancellationToken).ConfigureAwait(false);
        _share.Update(nodes.Where(n => n.HeartbeatAt >= now - options.ControlInterval * 3).Select(n => n.Id));
        if (_storeHealthySince is not { } healthy || now - healthy < options.NodeTimeout) return;
        var silent = await store.Runs.RunningOnSilentNodesAsync(now - options.ControlInterval * 3, options.NodeId, cancellationToken).ConfigureAwait(false);
        if (silent.Count == 0) return;
        // A node that never said it was alive counts as dead: every node heartbeats before it starts anything.
        var alive = nodes.Where(n => n.HeartbeatAt >= now - options.NodeTimeout).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var run in silent.Where(r => !_running.ContainsKey(r.Id)))
        {
            await IsolatedAsync(run, () => alive.Contains(run.Node!) ? SettleIfEndedAsync(run, cancellationToken) : SettleAsync(run, adopt: false, cancellationToken)).ConfigureAwait(false);
        }
    }
}
