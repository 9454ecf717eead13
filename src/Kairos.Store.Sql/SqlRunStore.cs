using Dapper;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Sql;

/// <summary>
/// Runs in SQL shared by both dialects. Statements that change a run's state also set <c>changed_at</c> and
/// <c>transition</c>; the database's triggers turn each change into a row of <c>run_events</c>.
/// </summary>
internal sealed partial class SqlRunStore(SqlDialect dialect) : IRunStore
{
    private const string InsertColumns =
        "job_id, slot_time, trigger_kind, business_date, state, attempt, due_at, created_at, skip_reason, detail, finished_at, requested_by, rerun_of, kill_requested, changed_at, transition";

    private static readonly RowColumn[] NewRunColumns =
    [
        RowColumn.Text("job"), RowColumn.Long("slot"), RowColumn.Text("trig"), RowColumn.Text("bdate"), RowColumn.Text("state"),
        RowColumn.Long("due"), RowColumn.Long("now"), RowColumn.Text("reason"), RowColumn.Text("detail"), RowColumn.Long("finished"),
        RowColumn.Text("by"), RowColumn.Long("rerun"),
    ];

    public async Task<int> AddSlotRunsAsync(IReadOnlyList<NewRun> runs, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) return 0;
        // One canonical insert order: two planners inserting overlapping slots then lock rows in the same order and cannot deadlock.
        var rows = runs.OrderBy(r => r.JobId, StringComparer.Ordinal).ThenBy(r => r.SlotTime).Select(r => NewRunRow(r, now)).ToList();
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var created = await dialect.ExecuteRowsAsync(scope.Connection, scope.Transaction,
            $"""
            INSERT INTO runs ({InsertColumns})
            SELECT v.job, v.slot, v.trig, v.bdate, v.state, 0, v.due, v.now, v.reason, v.detail, v.finished, v.by, v.rerun, 0, v.now, v.detail
            FROM {"{rows}"} AS v WHERE true
            ON CONFLICT (job_id, slot_time) WHERE slot_time IS NOT NULL DO NOTHING
            """,
            NewRunColumns, rows, cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created;
    }

    public async Task<long> AddRunAsync(NewRun run, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var id = await InsertRunAsync(scope.Connection, scope.Transaction, run, now).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    private static Task<long> InsertRunAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, NewRun run, DateTimeOffset now)
    {
        if (run.SlotTime is not null) throw new ArgumentException("A run with a slot time is created through AddSlotRunsAsync.", nameof(run));
        var row = NewRunRow(run with { Detail = run.Detail ?? $"requested by {run.RequestedBy}" }, now);
        var parameters = new DynamicParameters();
        for (var i = 0; i < NewRunColumns.Length; i++)
            parameters.Add(NewRunColumns[i].Name, row[i], NewRunColumns[i].Type == RowType.Long ? System.Data.DbType.Int64 : System.Data.DbType.String);
        return connection.ExecuteScalarAsync<long>(
            $"""
            INSERT INTO runs ({InsertColumns})
            VALUES (@job, NULL, @trig, @bdate, @state, 0, @due, @now, @reason, @detail, @finished, @by, @rerun, 0, @now, @detail)
            RETURNING id
            """, parameters, transaction);
    }

    public async Task<DateTimeOffset?> NextDueAtAsync(DateTimeOffset now, TimeSpan claimAhead, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var ms = await connection.ExecuteScalarAsync<long?>(
            """
            SELECT MIN(next) FROM (
                SELECT MIN(due_at) AS next FROM runs WHERE state IN ('scheduled', 'queued') AND (node IS NULL OR lease_until < @now)
                UNION ALL
                SELECT MIN(lease_until) + @ahead + 1 FROM runs WHERE state IN ('scheduled', 'queued') AND node IS NOT NULL AND lease_until >= @now
            ) n
            """, new { now = UnixTime.ToMs(now), ahead = (long)claimAhead.TotalMilliseconds }).ConfigureAwait(false);
        return UnixTime.FromMs(ms);
    }

    private static object?[] NewRunRow(NewRun r, DateTimeOffset now) =>
    [
        r.JobId, UnixTime.ToMs(r.SlotTime), r.Trigger.ToString().ToLowerInvariant(), BusinessDates.ToText(r.BusinessDate), r.State.ToWire(),
        UnixTime.ToMs(r.DueAt), UnixTime.ToMs(now), r.SkipReason?.ToWire(), r.Detail, r.State.IsFinal() ? UnixTime.ToMs(now) : null,
        r.RequestedBy, r.RerunOf,
    ];
}
