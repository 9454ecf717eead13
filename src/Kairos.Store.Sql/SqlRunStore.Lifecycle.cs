using Dapper;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Sql;

internal sealed partial class SqlRunStore
{
    // A completion or release applies only to the attempt it is about, and only while that attempt runs.
    private const string CurrentAttempt = "runs.id = v.id AND runs.attempt = v.attempt AND runs.state = 'running'";

    private static readonly RowColumn[] CompleteColumns =
    [
        RowColumn.Long("id"), RowColumn.Long("attempt"), RowColumn.Text("to_state"), RowColumn.Text("detail"), RowColumn.Long("exit"),
        RowColumn.Long("status"), RowColumn.Long("retry"), RowColumn.Long("at"), RowColumn.Long("started"),
    ];

    private static readonly RowColumn[] ReleaseColumns = [RowColumn.Long("id"), RowColumn.Long("attempt"), RowColumn.Long("at"), RowColumn.Text("why")];
    private static readonly RowColumn[] LeaseColumns = [RowColumn.Long("id"), RowColumn.Text("node"), RowColumn.Long("until")];

    public async Task CompleteAsync(IReadOnlyList<RunCompletion> completions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completions);
        if (completions.Count == 0) return;
        // Rows are written in id order, as every batch writer does, so two batches never wait on each other in a cycle.
        var rows = completions.OrderBy(c => c.RunId).Select(c => new object?[]
        {
            c.RunId, c.Attempt, c.RetryAt is null ? c.State.ToWire() : RunState.Queued.ToWire(),
            c.RetryAt is { } retry ? $"{c.State.ToWire()}: {c.Detail}; attempt {c.Attempt + 1} at {retry.UtcDateTime:O}" : c.Detail,
            c.ExitCode, c.HttpStatus, UnixTime.ToMs(c.RetryAt), UnixTime.ToMs(c.FinishedAt), UnixTime.ToMs(c.StartedAt),
        }).ToList();
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await dialect.ExecuteRowsAsync(scope.Connection, scope.Transaction,
            $"""
            UPDATE runs SET
              state = v.to_state, detail = v.detail, exit_code = v.exit, http_status = v.status, lease_until = NULL, kill_requested = 0,
              finished_at = CASE WHEN v.retry IS NULL THEN v.at ELSE NULL END,
              due_at = COALESCE(v.retry, due_at),
              node = CASE WHEN v.retry IS NULL THEN node ELSE NULL END,
              started_at = COALESCE(v.started, started_at),
              changed_at = v.at, transition = v.detail
            FROM {"{rows}"} AS v WHERE {CurrentAttempt}
            """, CompleteColumns, rows, cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(IReadOnlyList<Run> runs, string why, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) return;
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await dialect.ExecuteRowsAsync(scope.Connection, scope.Transaction,
            $"""
            UPDATE runs SET state = 'queued', attempt = runs.attempt - 1, node = NULL, lease_until = NULL, started_at = NULL, changed_at = v.at, transition = v.why
            FROM {"{rows}"} AS v WHERE {CurrentAttempt}
            """, ReleaseColumns, runs.Select(r => new object?[] { r.Id, r.Attempt, UnixTime.ToMs(now), why }).ToList(), cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RenewLeasesAsync(string node, IReadOnlyList<long> runIds, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        if (runIds.Count == 0) return;
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await dialect.ExecuteRowsAsync(scope.Connection, scope.Transaction,
            "UPDATE runs SET lease_until = v.until FROM {rows} AS v WHERE runs.id = v.id AND runs.node = v.node AND runs.state = 'running'",
            LeaseColumns, runIds.Order().Select(id => new object?[] { id, node, UnixTime.ToMs(leaseUntil) }).ToList(), cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Run>> ExpiredLeasesAsync(DateTimeOffset now, string node, CancellationToken cancellationToken = default) =>
        await QueryRunsAsync($"SELECT {RunRow.Columns} FROM runs WHERE state = 'running' AND node = @node AND lease_until < @now ORDER BY id",
            new { now = UnixTime.ToMs(now), node }, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<Run>> RunningOnSilentNodesAsync(DateTimeOffset silentSince, string except, CancellationToken cancellationToken = default) =>
        await QueryRunsAsync(
            $"""
            SELECT {RunRow.Columns} FROM runs WHERE state = 'running' AND node <> @except
            AND NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = runs.node AND n.heartbeat_at >= @silentSince)
            ORDER BY id
            """, new { silentSince = UnixTime.ToMs(silentSince), except }, cancellationToken).ConfigureAwait(false);

    public async Task<bool> RequestKillAsync(long runId, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var n = await scope.Connection.ExecuteAsync(
            "UPDATE runs SET kill_requested = 1, changed_at = @now, transition = @why WHERE id = @runId AND state = 'running'",
            new { runId, now = UnixTime.ToMs(now), why = $"kill requested by {actor}" }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return n > 0;
    }

    public async Task<bool> CancelWaitingAsync(long runId, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var detail = $"cancelled before it started by {actor}";
        var n = await scope.Connection.ExecuteAsync(
            "UPDATE runs SET state = 'killed', finished_at = @now, detail = @detail, changed_at = @now, transition = @detail WHERE id = @runId AND state IN ('scheduled', 'queued', 'waiting')",
            new { runId, now = UnixTime.ToMs(now), detail }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return n > 0;
    }

    public async Task<IReadOnlyList<long>> KillRequestsAsync(string node, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<long>("SELECT id FROM runs WHERE node = @node AND state = 'running' AND kill_requested = 1", new { node }).ConfigureAwait(false)).ToList();
    }
}
