using Dapper;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Sql;

internal sealed partial class SqlRunStore(SqlDialect dialect) : IRunStore
{
    private const string InsertRunSql =
        """
        INSERT INTO runs (job_id, slot_time, trigger_kind, business_date, state, attempt, due_at, created_at,
                          skip_reason, detail, finished_at, requested_by, rerun_of, kill_requested)
        VALUES (@job, @slot, @trigger, @date, @state, 0, @due, @now, @reason, @detail, @finished, @by, @rerun, 0)
        """;

    private const string InsertEventSql =
        "INSERT INTO run_events (run_id, at, from_state, to_state, attempt, detail) VALUES (@run, @at, @from, @to, @attempt, @detail)";

    public async Task<int> AddSlotRunsAsync(IReadOnlyList<NewRun> runs, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) return 0;
        // One canonical insert order: two planners inserting overlapping slots then lock rows in the same order and cannot deadlock.
        runs = runs.OrderBy(r => r.JobId, StringComparer.Ordinal).ThenBy(r => r.SlotTime).ToList();
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var ids = await dialect.InsertManyReturningIdAsync(scope.Connection, scope.Transaction,
            InsertRunSql + " ON CONFLICT (job_id, slot_time) WHERE slot_time IS NOT NULL DO NOTHING RETURNING id",
            runs.Select(r => RunParameters(r, now)).ToList(), cancellationToken).ConfigureAwait(false);
        var events = new List<IReadOnlyDictionary<string, object?>>();
        for (var i = 0; i < runs.Count; i++)
        {
            if (ids[i] is { } id) events.Add(EventParameters(id, now, null, runs[i].State, 0, runs[i].Detail));
        }
        await dialect.ExecuteManyAsync(scope.Connection, scope.Transaction, InsertEventSql, events, cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return events.Count;
    }

    public async Task<long> AddRunAsync(NewRun run, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.SlotTime is not null) throw new ArgumentException("A run with a slot time is created through AddSlotRunsAsync.", nameof(run));
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var ids = await dialect.InsertManyReturningIdAsync(scope.Connection, scope.Transaction, InsertRunSql + " RETURNING id",
            [RunParameters(run, now)], cancellationToken).ConfigureAwait(false);
        var id = ids[0]!.Value;
        await scope.Connection.ExecuteAsync(InsertEventSql, EventParameters(id, now, null, run.State, 0, run.Detail ?? $"requested by {run.RequestedBy}"), scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var ms = await connection.ExecuteScalarAsync<long?>("SELECT MIN(due_at) FROM runs WHERE state IN ('scheduled', 'queued')").ConfigureAwait(false);
        return UnixTime.FromMs(ms);
    }

    private static Dictionary<string, object?> RunParameters(NewRun r, DateTimeOffset now) => new()
    {
        ["job"] = r.JobId,
        ["slot"] = UnixTime.ToMs(r.SlotTime),
        ["trigger"] = r.Trigger.ToString().ToLowerInvariant(),
        ["date"] = RunRow.Date(r.BusinessDate),
        ["state"] = r.State.ToWire(),
        ["due"] = UnixTime.ToMs(r.DueAt),
        ["now"] = UnixTime.ToMs(now),
        ["reason"] = r.SkipReason?.ToWire(),
        ["detail"] = r.Detail,
        ["finished"] = r.State.IsFinal() ? UnixTime.ToMs(now) : null,
        ["by"] = r.RequestedBy,
        ["rerun"] = r.RerunOf,
    };

    internal static Dictionary<string, object?> EventParameters(long run, DateTimeOffset at, RunState? from, RunState to, int attempt, string? detail) => new()
    {
        ["run"] = run,
        ["at"] = UnixTime.ToMs(at),
        ["from"] = from?.ToWire(),
        ["to"] = to.ToWire(),
        ["attempt"] = (long)attempt,
        ["detail"] = detail,
    };
}
