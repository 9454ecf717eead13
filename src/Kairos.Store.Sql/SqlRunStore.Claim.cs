using Dapper;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Sql;

internal sealed partial class SqlRunStore
{
    private static readonly RowColumn[] StartColumns = [RowColumn.Long("id"), RowColumn.Long("start_at"), RowColumn.Long("lease"), RowColumn.Text("node"), RowColumn.Text("why")];
    private static readonly RowColumn[] FinishColumns = [RowColumn.Long("id"), RowColumn.Text("state"), RowColumn.Text("reason"), RowColumn.Text("detail"), RowColumn.Long("at")];

    public async Task<ClaimResult> ClaimDueAsync(string node, DateTimeOffset now, DateTimeOffset dueBy, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = scope.Connection;
        var candidates = (await connection.QueryAsync<ClaimRow>(
            $"""
            SELECT {RunRow.ColumnsOf("r")}, j.id AS job_found, j.held AS job_held, j.overlap AS job_overlap
            FROM runs r LEFT JOIN jobs j ON j.id = r.job_id
            WHERE r.state IN ('scheduled', 'queued') AND r.due_at <= @dueBy
            ORDER BY r.due_at, r.id LIMIT @max {dialect.ClaimLockClause}
            """,
            new { dueBy = UnixTime.ToMs(dueBy), max }, scope.Transaction).ConfigureAwait(false)).ToList();
        if (candidates.Count == 0) return ClaimResult.Empty;

        var running = (await connection.QueryAsync<(string JobId, long Count, long? FirstStart)>(
            "SELECT job_id, COUNT(*), MIN(started_at) FROM runs WHERE state = 'running' GROUP BY job_id", transaction: scope.Transaction).ConfigureAwait(false))
            .ToDictionary(r => r.JobId, r => (Count: (int)r.Count, FirstStart: UnixTime.FromMs(r.FirstStart)));

        var started = new List<Run>();
        var skipped = new List<Run>();
        var replaceJobs = new HashSet<string>();
        var startRows = new List<object?[]>();
        var finishRows = new List<object?[]>();
        var waiting = 0;
        foreach (var row in candidates)
        {
            var run = row.ToRun();
            if (row.job_found is null)
            {
                Finish(run, RunState.Failed, null, $"job '{run.JobId}' is no longer defined");
                continue;
            }
            var overlap = Enum.Parse<OverlapPolicy>(row.job_overlap!, ignoreCase: true);
            var (count, firstStart) = running.GetValueOrDefault(run.JobId);
            var decision = ClaimDecision.Decide(run.Trigger, run.Attempt, row.job_held != 0, overlap, count, run.DueAt, now, firstStart, run.SlotTime);
            if (decision.Action == ClaimAction.Wait)
            {
                waiting++;
                continue;
            }
            if (decision.Action == ClaimAction.Skip)
            {
                Finish(run, RunState.Skipped, decision.Reason, decision.Detail);
                continue;
            }
            if (decision.Action == ClaimAction.StartAndReplace) replaceJobs.Add(run.JobId);
            var attempt = run.Attempt + 1;
            var startAt = run.DueAt > now ? run.DueAt : now;
            running[run.JobId] = (count + 1, firstStart is { } f && f < startAt ? f : startAt);
            var leaseUntil = startAt + lease;
            startRows.Add([run.Id, UnixTime.ToMs(startAt), UnixTime.ToMs(leaseUntil), node, $"attempt {attempt} on {node}"]);
            started.Add(run with { State = RunState.Running, Attempt = attempt, StartedAt = startAt, Node = node, LeaseUntil = leaseUntil, KillRequested = false, Detail = null });
        }

        var toReplace = new List<long>();
        if (replaceJobs.Count > 0)
        {
            var startedIds = started.Select(r => r.Id).ToHashSet();
            toReplace = (await connection.QueryAsync<(long Id, string JobId)>(
                "SELECT id, job_id FROM runs WHERE state = 'running'", transaction: scope.Transaction).ConfigureAwait(false))
                .Where(r => replaceJobs.Contains(r.JobId) && !startedIds.Contains(r.Id)).Select(r => r.Id).ToList();
            foreach (var id in toReplace)
            {
                await connection.ExecuteAsync(
                    "UPDATE runs SET kill_requested = 1, changed_at = @at, transition = 'kill requested: a newer slot replaces it (overlap policy replace)' WHERE id = @id",
                    new { id, at = UnixTime.ToMs(now) }, scope.Transaction).ConfigureAwait(false);
            }
        }

        await dialect.ExecuteRowsAsync(connection, scope.Transaction,
            """
            UPDATE runs SET state = 'running', attempt = attempt + 1, started_at = v.start_at, node = v.node, lease_until = v.lease,
                kill_requested = 0, detail = NULL, changed_at = v.start_at, transition = v.why
            FROM {rows} AS v WHERE runs.id = v.id
            """, StartColumns, startRows.OrderBy(r => (long)r[0]!).ToList(), cancellationToken).ConfigureAwait(false);
        await dialect.ExecuteRowsAsync(connection, scope.Transaction,
            """
            UPDATE runs SET state = v.state, skip_reason = v.reason, detail = v.detail, finished_at = v.at, changed_at = v.at, transition = v.detail
            FROM {rows} AS v WHERE runs.id = v.id
            """, FinishColumns, finishRows.OrderBy(r => (long)r[0]!).ToList(), cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ClaimResult(started, skipped, toReplace, waiting);

        void Finish(Run run, RunState state, SkipReason? reason, string? detail)
        {
            finishRows.Add([run.Id, state.ToWire(), reason?.ToWire(), detail, UnixTime.ToMs(now)]);
            skipped.Add(run with { State = state, SkipReason = reason, Detail = detail, FinishedAt = now });
        }
    }

    private sealed class ClaimRow : RunRow
    {
#pragma warning disable IDE1006 // column names
        public string? job_found { get; set; }
        public long? job_held { get; set; }
        public string? job_overlap { get; set; }
#pragma warning restore IDE1006
    }
}
