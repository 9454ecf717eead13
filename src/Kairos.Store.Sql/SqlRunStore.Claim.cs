using Dapper;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Reasons;
using Kairos.Core.Runs;

namespace Kairos.Store.Sql;

internal sealed partial class SqlRunStore
{
    // Not started and free to claim. Runs in state waiting are not: their dependencies hold them back until released.
    private const string ReadyStates = "state IN ('scheduled', 'queued')";

    // A waiting run no node holds, or whose holder's claim lapsed (the node died before starting it). A node never takes
    // its own lapsed claim again: it is alive, and either still starting that run or about to hand the claim back.
    private const string Claimable = "(r.node IS NULL OR (r.lease_until < @now AND r.node <> @node))";

    private static readonly RowColumn[] ClaimColumns = [RowColumn.Long("id"), RowColumn.Text("node"), RowColumn.Long("until")];
    private static readonly RowColumn[] StartColumns = [RowColumn.Long("id"), RowColumn.Text("node"), RowColumn.Long("attempt"), RowColumn.Long("claimed"), RowColumn.Long("at"), RowColumn.Long("lease"), RowColumn.Text("why")];
    private static readonly RowColumn[] FinishColumns = [RowColumn.Long("id"), RowColumn.Text("state"), RowColumn.Text("reason"), RowColumn.Text("detail"), RowColumn.Long("at")];

    public async Task<ClaimResult> ClaimDueAsync(string node, DateTimeOffset now, DateTimeOffset dueBy, TimeSpan claimFor, int max, MisfireRule? misfire = null,
        Func<string, bool>? claimsAhead = null, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = scope.Connection;
        var window = new { dueBy = UnixTime.ToMs(dueBy), now = UnixTime.ToMs(now), max, node };
        var candidates = (await connection.QueryAsync<ClaimRow>(
            $"""
            SELECT {RunRow.ColumnsOf("r")}, j.held AS job_held, j.overlap AS job_overlap
            FROM runs r JOIN jobs j ON j.id = r.job_id
            WHERE r.{ReadyStates} AND r.due_at <= @dueBy AND {Claimable}
            ORDER BY r.due_at, r.id LIMIT @max {dialect.ClaimLockClause}
            """, window, scope.Transaction).ConfigureAwait(false)).ToList();
        // Runs whose job was deleted after they were planned end here, so they do not wait for ever.
        var orphans = (await connection.QueryAsync<RunRow>(
            $"""
            SELECT {RunRow.ColumnsOf("r")} FROM runs r
            WHERE r.{ReadyStates} AND r.due_at <= @dueBy AND {Claimable} AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = r.job_id)
            ORDER BY r.due_at, r.id LIMIT @max {dialect.ClaimLockClause}
            """, window, scope.Transaction).ConfigureAwait(false)).ToList();
        if (candidates.Count == 0 && orphans.Count == 0) return ClaimResult.Empty;

        var exclusive = candidates.Where(c => c.job_overlap != "allow").Select(c => c.job_id).ToHashSet(StringComparer.Ordinal);
        var locked = await dialect.TryLockJobsAsync(connection, scope.Transaction, exclusive, cancellationToken).ConfigureAwait(false);
        var occupied = await OccupiedAsync(connection, scope.Transaction, locked, now).ConfigureAwait(false);
        // The latest due time slot per job, for run-once: an earlier late slot gives way to a later one due as well.
        var latestSlot = candidates.Where(c => c.slot_time is not null && c.due_at <= UnixTime.ToMs(now))
            .GroupBy(c => c.job_id).ToDictionary(g => g.Key, g => g.Max(c => c.slot_time!.Value), StringComparer.Ordinal);

        var claimed = new List<Run>();
        var skipped = new List<Run>();
        var replaceJobs = new HashSet<string>(StringComparer.Ordinal);
        var claimRows = new List<object?[]>();
        var finishRows = new List<object?[]>();
        var waiting = 0;
        foreach (var run in orphans.Select(o => o.ToRun())) Finish(run, RunState.Failed, null, Reason.Of(ReasonCodes.JobGone, run.JobId));
        foreach (var row in candidates)
        {
            var run = row.ToRun();
            if (run.DueAt > now && claimsAhead?.Invoke(run.JobId) == false) continue; // another node's share, until it is due
            if (exclusive.Contains(run.JobId) && !locked.Contains(run.JobId))
            {
                waiting++; // another node is claiming this job's runs right now
                continue;
            }
            // A run its dependencies released is judged from its release: it was not late, its upstream was.
            var readyAt = UnixTime.FromMs(row.ready_at) ?? run.SlotTime;
            var late = misfire is null ? null : ClaimDecision.Misfire(run.Trigger, run.Attempt, readyAt, misfire.PolicyOf(run.JobId) ?? MisfirePolicy.Default,
                misfire.Threshold, latestSlot.TryGetValue(run.JobId, out var latest) && latest > row.slot_time, now);
            if (late is { } missed)
            {
                Finish(run, RunState.Skipped, missed.Reason, missed.Why);
                continue;
            }
            var overlap = Enum.Parse<OverlapPolicy>(row.job_overlap!, ignoreCase: true);
            var (count, firstStart) = occupied.GetValueOrDefault(run.JobId);
            var decision = ClaimDecision.Decide(run.Trigger, run.Attempt, row.job_held != 0, overlap, count, run.DueAt, now, firstStart, readyAt);
            if (decision.Action == ClaimAction.Wait)
            {
                waiting++;
                continue;
            }
            if (decision.Action == ClaimAction.Skip)
            {
                Finish(run, RunState.Skipped, decision.Reason, decision.Why);
                continue;
            }
            if (decision.Action == ClaimAction.StartAndReplace) replaceJobs.Add(run.JobId);
            var startAt = run.DueAt > now ? run.DueAt : now;
            occupied[run.JobId] = (count + 1, firstStart is { } f && f < startAt ? f : startAt);
            var claimedUntil = startAt + claimFor;
            claimRows.Add([run.Id, node, UnixTime.ToMs(claimedUntil)]);
            claimed.Add(run with { StartedAt = startAt, Node = node, LeaseUntil = UnixTime.FromMs(UnixTime.ToMs(claimedUntil)), KillRequested = false });
        }

        var toReplace = await RequestReplaceAsync(connection, scope.Transaction, replaceJobs, claimed, now).ConfigureAwait(false);
        await dialect.ExecuteRowsAsync(connection, scope.Transaction,
            "UPDATE runs SET node = v.node, lease_until = v.until FROM {rows} AS v WHERE runs.id = v.id",
            ClaimColumns, claimRows.OrderBy(r => (long)r[0]!).ToList(), cancellationToken).ConfigureAwait(false);
        await dialect.ExecuteRowsAsync(connection, scope.Transaction,
            """
            UPDATE runs SET state = v.state, skip_reason = v.reason, detail = v.detail, finished_at = v.at, changed_at = v.at, transition = v.detail,
                node = NULL, lease_until = NULL
            FROM {rows} AS v WHERE runs.id = v.id
            """, FinishColumns, finishRows.OrderBy(r => (long)r[0]!).ToList(), cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ClaimResult(claimed, skipped, toReplace, waiting);

        void Finish(Run run, RunState state, SkipReason? reason, Reason? why)
        {
            var detail = why is null ? null : StoredReason.Write(why);
            finishRows.Add([run.Id, state.ToWire(), reason?.ToWire(), detail, UnixTime.ToMs(now)]);
            skipped.Add(run with { State = state, SkipReason = reason, Detail = detail, FinishedAt = now });
        }
    }

    // What occupies each job for overlap: its running runs and the runs live claims will start (a claim's planned start
    // is its due time or later).
    private async Task<Dictionary<string, (int Count, DateTimeOffset? FirstStart)>> OccupiedAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, IReadOnlySet<string> jobs, DateTimeOffset now)
    {
        if (jobs.Count == 0) return new(StringComparer.Ordinal);
        var rows = await connection.QueryAsync<(string JobId, long Count, long? FirstStart)>(
            $"""
            SELECT job_id, COUNT(*), MIN(first_start) FROM (
                SELECT job_id, started_at AS first_start FROM runs WHERE state = 'running' AND job_id {dialect.InList("jobs")}
                UNION ALL
                SELECT job_id, due_at FROM runs WHERE node IS NOT NULL AND {ReadyStates} AND lease_until >= @now AND job_id {dialect.InList("jobs")}
            ) o GROUP BY job_id
            """, new { jobs = jobs.ToArray(), now = UnixTime.ToMs(now) }, transaction).ConfigureAwait(false);
        return rows.ToDictionary(r => r.JobId, r => ((int)r.Count, UnixTime.FromMs(r.FirstStart)), StringComparer.Ordinal);
    }

    private async Task<List<long>> RequestReplaceAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        HashSet<string> replaceJobs, List<Run> claimed, DateTimeOffset now)
    {
        if (replaceJobs.Count == 0) return [];
        var claimedIds = claimed.Select(r => r.Id).ToHashSet();
        var toReplace = (await connection.QueryAsync<long>(
            $"SELECT id FROM runs WHERE state = 'running' AND job_id {dialect.InList("jobs")} ORDER BY id", new { jobs = replaceJobs.ToArray() }, transaction).ConfigureAwait(false))
            .Where(id => !claimedIds.Contains(id)).ToList();
        foreach (var id in toReplace)
        {
            await connection.ExecuteAsync(
                "UPDATE runs SET kill_requested = 1, changed_at = @at, transition = 'kill requested: a newer slot replaces it (overlap policy replace)' WHERE id = @id",
                new { id, at = UnixTime.ToMs(now) }, transaction).ConfigureAwait(false);
        }
        return toReplace;
    }

    public async Task<IReadOnlyList<Run>> StartAsync(string node, IReadOnlyList<Run> claimed, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        if (claimed.Count == 0) return [];
        var at = UnixTime.ToMs(now);
        var rows = claimed.OrderBy(r => r.Id).Select(r => new object?[]
        {
            r.Id, node, r.Attempt, UnixTime.ToMs(r.LeaseUntil), at, UnixTime.ToMs(now + lease), $"attempt {r.Attempt + 1} on {node}",
        }).ToList();
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        // Only the claim as this node made it, and only while it holds: a claim that lapsed (another node may have taken
        // it, or a claim of the same forbid job may have been made since, not counting it), or a run an operator
        // cancelled, does not start.
        var started = await dialect.ExecuteRowsAsync(scope.Connection, scope.Transaction,
            $"""
            UPDATE runs SET state = 'running', attempt = runs.attempt + 1, started_at = v.at, lease_until = v.lease,
                kill_requested = 0, detail = NULL, changed_at = v.at, transition = v.why
            FROM {"{rows}"} AS v
            WHERE runs.id = v.id AND runs.node = v.node AND runs.{ReadyStates} AND runs.attempt = v.attempt AND runs.lease_until = v.claimed
              AND runs.lease_until >= v.at
            """, StartColumns, rows, cancellationToken).ConfigureAwait(false);
        var ids = started == claimed.Count
            ? claimed.Select(r => r.Id).ToHashSet()
            : (await scope.Connection.QueryAsync<long>(
                $"SELECT id FROM runs WHERE id {dialect.InList("ids")} AND state = 'running' AND node = @node AND started_at = @at",
                new { ids = claimed.Select(r => r.Id).ToArray(), node, at }, scope.Transaction).ConfigureAwait(false)).ToHashSet();
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claimed.Where(r => ids.Contains(r.Id))
            .Select(r => r with { State = RunState.Running, Attempt = r.Attempt + 1, StartedAt = now, LeaseUntil = now + lease, Detail = null })
            .ToList();
    }

    public async Task ReleaseClaimsAsync(string node, IReadOnlyList<long>? runIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync(
            $"UPDATE runs SET node = NULL, lease_until = NULL WHERE node = @node AND {ReadyStates}{(runIds is null ? "" : $" AND id {dialect.InList("ids")}")}",
            new { node, ids = runIds?.ToArray() ?? [] }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class ClaimRow : RunRow
    {
#pragma warning disable IDE1006 // column names
        public long? job_held { get; set; }
        public string? job_overlap { get; set; }
#pragma warning restore IDE1006
    }
}
