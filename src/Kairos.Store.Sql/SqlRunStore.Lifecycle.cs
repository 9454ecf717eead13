using Dapper;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Sql;

internal sealed partial class SqlRunStore
{
    private const string CurrentAttempt = "id = @id AND attempt = @attempt AND state = 'running'";

    public async Task CompleteAsync(IReadOnlyList<RunCompletion> completions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completions);
        if (completions.Count == 0) return;
        var rows = completions.Select(c => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["id"] = c.RunId,
            ["run"] = c.RunId,
            ["attempt"] = (long)c.Attempt,
            ["at"] = UnixTime.ToMs(c.FinishedAt),
            ["from"] = RunState.Running.ToWire(),
            ["to"] = c.RetryAt is null ? c.State.ToWire() : RunState.Queued.ToWire(),
            ["detail"] = c.RetryAt is { } retry ? $"{c.State.ToWire()}: {c.Detail}; attempt {c.Attempt + 1} at {retry.UtcDateTime:O}" : c.Detail,
            ["exit"] = c.ExitCode,
            ["status"] = c.HttpStatus,
            ["retry"] = UnixTime.ToMs(c.RetryAt),
        }).ToList();
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        // The event goes first: its guard sees the run still in the attempt being completed.
        await dialect.ExecuteManyAsync(scope.Connection, scope.Transaction,
            $"INSERT INTO run_events (run_id, at, from_state, to_state, attempt, detail) SELECT @run, @at, CAST(@from AS TEXT), CAST(@to AS TEXT), @attempt, CAST(@detail AS TEXT) WHERE EXISTS (SELECT 1 FROM runs WHERE {CurrentAttempt})",
            rows, cancellationToken).ConfigureAwait(false);
        await dialect.ExecuteManyAsync(scope.Connection, scope.Transaction,
            $"""
            UPDATE runs SET
              state = @to, detail = @detail, exit_code = @exit, http_status = @status, lease_until = NULL, kill_requested = 0,
              finished_at = CASE WHEN CAST(@retry AS BIGINT) IS NULL THEN CAST(@at AS BIGINT) ELSE NULL END,
              due_at = COALESCE(CAST(@retry AS BIGINT), due_at),
              node = CASE WHEN CAST(@retry AS BIGINT) IS NULL THEN node ELSE NULL END
            WHERE {CurrentAttempt}
            """,
            rows, cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(IReadOnlyList<Run> runs, string why, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) return;
        var rows = runs.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["id"] = r.Id,
            ["run"] = r.Id,
            ["attempt"] = (long)r.Attempt,
            ["at"] = UnixTime.ToMs(now),
            ["from"] = RunState.Running.ToWire(),
            ["to"] = RunState.Queued.ToWire(),
            ["detail"] = why,
        }).ToList();
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await dialect.ExecuteManyAsync(scope.Connection, scope.Transaction,
            $"INSERT INTO run_events (run_id, at, from_state, to_state, attempt, detail) SELECT @run, @at, CAST(@from AS TEXT), CAST(@to AS TEXT), @attempt - 1, CAST(@detail AS TEXT) WHERE EXISTS (SELECT 1 FROM runs WHERE {CurrentAttempt})",
            rows, cancellationToken).ConfigureAwait(false);
        await dialect.ExecuteManyAsync(scope.Connection, scope.Transaction,
            $"UPDATE runs SET state = 'queued', attempt = attempt - 1, node = NULL, lease_until = NULL, started_at = NULL WHERE {CurrentAttempt}",
            rows, cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RenewLeasesAsync(string node, IReadOnlyList<long> runIds, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        if (runIds.Count == 0) return;
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await dialect.ExecuteManyAsync(scope.Connection, scope.Transaction,
            "UPDATE runs SET lease_until = @until WHERE id = @id AND node = @node AND state = 'running'",
            runIds.Select(id => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["id"] = id, ["node"] = node, ["until"] = UnixTime.ToMs(leaseUntil) }).ToList(),
            cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Run>> ExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await QueryRunsAsync($"SELECT {RunRow.Columns} FROM runs WHERE state = 'running' AND lease_until < @now ORDER BY id", new { now = UnixTime.ToMs(now) }, cancellationToken).ConfigureAwait(false);

    public async Task<bool> RequestKillAsync(long runId, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var n = await scope.Connection.ExecuteAsync("UPDATE runs SET kill_requested = 1 WHERE id = @runId AND state = 'running'", new { runId }, scope.Transaction).ConfigureAwait(false);
        if (n > 0)
        {
            var attempt = await scope.Connection.ExecuteScalarAsync<long>("SELECT attempt FROM runs WHERE id = @runId", new { runId }, scope.Transaction).ConfigureAwait(false);
            await scope.Connection.ExecuteAsync(InsertEventSql, EventParameters(runId, now, RunState.Running, RunState.Running, (int)attempt, $"kill requested by {actor}"), scope.Transaction).ConfigureAwait(false);
        }
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return n > 0;
    }

    public async Task<bool> CancelWaitingAsync(long runId, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var before = await scope.Connection.QuerySingleOrDefaultAsync<RunRow>($"SELECT {RunRow.Columns} FROM runs WHERE id = @runId AND state IN ('scheduled', 'queued')", new { runId }, scope.Transaction).ConfigureAwait(false);
        if (before is null) return false;
        var detail = $"cancelled before it started by {actor}";
        await scope.Connection.ExecuteAsync("UPDATE runs SET state = 'killed', finished_at = @now, detail = @detail WHERE id = @runId",
            new { runId, now = UnixTime.ToMs(now), detail }, scope.Transaction).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync(InsertEventSql, EventParameters(runId, now, RunStates.FromWire(before.state), RunState.Killed, (int)before.attempt, detail), scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<long>> KillRequestsAsync(string node, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<long>("SELECT id FROM runs WHERE node = @node AND state = 'running' AND kill_requested = 1", new { node }).ConfigureAwait(false)).ToList();
    }
}
