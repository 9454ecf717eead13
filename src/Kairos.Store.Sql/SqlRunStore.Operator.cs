using Dapper;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Sql;

/// <summary>What operators do to runs besides kill: mark one succeeded, skip a slot before it runs; and what alerts and metrics read.</summary>
internal sealed partial class SqlRunStore
{
    private static readonly string Unsuccessful = string.Join(", ", Enum.GetValues<RunState>().Where(s => s.IsUnsuccessful()).Select(s => $"'{s.ToWire()}'"));

    public async Task<bool> MarkSucceededAsync(long runId, string detail, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var n = await scope.Connection.ExecuteAsync(
            $"UPDATE runs SET state = 'succeeded', detail = @detail, changed_at = @now, transition = @detail WHERE id = @runId AND state IN ({Unsuccessful})",
            new { runId, detail, now = UnixTime.ToMs(now) }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return n > 0;
    }

    public async Task<bool> SkipSlotAsync(NewRun skipped, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        if (skipped.SlotTime is null || skipped.State != RunState.Skipped) throw new ArgumentException("Only a slot run in the skipped state can be recorded this way.", nameof(skipped));
        var at = UnixTime.ToMs(now);
        var parameters = new { job = skipped.JobId, slot = UnixTime.ToMs(skipped.SlotTime), reason = skipped.SkipReason?.ToWire(), detail = skipped.Detail, now = at };
        await using (var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false))
        {
            // A waiting run that was claimed meanwhile is running now and is left alone: the update only matches runs not
            // started, including one still held back by its dependencies.
            var updated = await scope.Connection.ExecuteAsync(
                """
                UPDATE runs SET state = 'skipped', skip_reason = @reason, detail = @detail, finished_at = @now, changed_at = @now, transition = @detail
                WHERE job_id = @job AND slot_time = @slot AND state IN ('scheduled', 'queued', 'waiting') AND attempt = 0
                """, parameters, scope.Transaction).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (updated > 0) return true;
        }
        if (await AddSlotRunsAsync([skipped], now, cancellationToken).ConfigureAwait(false) > 0) return true;
        // The planner created the slot's run between the two statements: skip it if it is still waiting.
        var existing = await GetBySlotAsync(skipped.JobId, skipped.SlotTime.Value, cancellationToken).ConfigureAwait(false);
        if (existing is null || !existing.State.IsWaiting()) return existing is { State: RunState.Skipped, SkipReason: SkipReason.Operator };
        return await SkipSlotAsync(skipped, now, cancellationToken).ConfigureAwait(false);
    }

    // Runs held back by their dependencies are active too: a job whose upstream is late misses its SLA all the same.
    public Task<IReadOnlyList<Run>> ActiveOrFinishedSinceAsync(DateTimeOffset finishedSince, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        QueryRunsAsync(
            $"""
            SELECT {RunRow.Columns} FROM runs WHERE state IN ('scheduled', 'queued', 'waiting') AND due_at <= @now
            UNION ALL SELECT {RunRow.Columns} FROM runs WHERE state = 'running'
            UNION ALL SELECT {RunRow.Columns} FROM runs WHERE finished_at >= @since
            ORDER BY id
            """,
            new { since = UnixTime.ToMs(finishedSince), now = UnixTime.ToMs(now) }, cancellationToken);

    // Waiting runs are counted by state but are not in the queue: the queue is work a node could start now, and they
    // wait for their upstream runs, not for a node.
    public async Task<RunCounts> CountAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string State, long Count, long Due)>(
            "SELECT state, COUNT(*), SUM(CASE WHEN due_at <= @now THEN 1 ELSE 0 END) FROM runs WHERE state IN ('scheduled', 'queued', 'waiting', 'running') GROUP BY state",
            new { now = UnixTime.ToMs(now) }).ConfigureAwait(false);
        var byState = new Dictionary<RunState, int> { [RunState.Scheduled] = 0, [RunState.Queued] = 0, [RunState.Waiting] = 0, [RunState.Running] = 0 };
        var queue = 0;
        foreach (var (state, count, due) in rows)
        {
            var parsed = RunStates.FromWire(state);
            byState[parsed] = (int)count;
            if (parsed is RunState.Scheduled or RunState.Queued) queue += (int)due;
        }
        return new RunCounts(byState, queue);
    }
}
