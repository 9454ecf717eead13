using Dapper;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Sql;

// Runs held back by their dependencies: created waiting, released when their upstream runs and conditions hold.
// Every change here matches only runs still in state waiting, so two nodes' passes, or a pass and an operator, never
// both change one run.
internal sealed partial class SqlRunStore
{
    private static readonly RowColumn[] WaitingChangeColumns = [RowColumn.Long("id"), RowColumn.Text("text"), RowColumn.Long("now")];

    public async Task<int> AddDependencyRunsAsync(IReadOnlyList<NewRun> runs, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        foreach (var run in runs) EnsureDependencyRun(run, RunState.Waiting);
        return (await InsertDependencyRunsAsync(runs.Select(r => (r, r.Detail)).ToList(), now, cancellationToken).ConfigureAwait(false)).Count;
    }

    public async Task<IReadOnlyList<long>> AddReleasedDependencyRunsAsync(IReadOnlyList<(NewRun Run, string Why)> runs, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        foreach (var (run, _) in runs) EnsureDependencyRun(run, RunState.Scheduled);
        return await InsertDependencyRunsAsync(runs.Select(r => (r.Run with { Detail = null }, (string?)r.Why)).ToList(), now, cancellationToken).ConfigureAwait(false);
    }

    private static void EnsureDependencyRun(NewRun run, RunState state)
    {
        if (run is not { Trigger: TriggerKind.Dependency, SlotTime: null, BusinessDate: not null } || run.State != state)
            throw new ArgumentException($"A dependency run has trigger dependency, no slot, a business date and state {state.ToWire()}: {run}.", nameof(run));
    }

    // A released run is ready from its due time, as ReleaseWaitingAsync leaves it; a waiting run records no transition
    // beyond its detail.
    private async Task<IReadOnlyList<long>> InsertDependencyRunsAsync(IReadOnlyList<(NewRun Run, string? Transition)> runs, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (runs.Count == 0) return [];
        // One canonical insert order, as for slots: two nodes adding overlapping dates lock index entries in the same
        // order and cannot deadlock. Duplicates in one call are one run.
        var rows = runs.DistinctBy(r => (r.Run.JobId, r.Run.BusinessDate))
            .OrderBy(r => r.Run.JobId, StringComparer.Ordinal).ThenBy(r => r.Run.BusinessDate)
            .Select(r => (object?[])[.. NewRunRow(r.Run, now), r.Transition ?? r.Run.Detail]).ToList();
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var created = await dialect.ExecuteRowsReturningIdsAsync(scope.Connection, scope.Transaction,
            $"""
            INSERT INTO runs ({InsertColumns}, ready_at)
            SELECT v.job, v.slot, v.trig, v.bdate, v.state, 0, v.due, v.now, v.reason, v.detail, v.finished, v.by, v.rerun, 0, v.now, v.transition,
                CASE WHEN v.state = 'scheduled' THEN v.due END
            FROM {"{rows}"} AS v WHERE true
            ON CONFLICT (job_id, business_date) WHERE trigger_kind = 'dependency' DO NOTHING
            RETURNING id
            """,
            [.. NewRunColumns, RowColumn.Text("transition")], rows, cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created.Order().ToList();
    }

    public Task<IReadOnlyList<Run>> DependencyWaitingAsync(DateTimeOffset dueBy, int max, CancellationToken cancellationToken = default) =>
        QueryRunsAsync(
            $"SELECT {RunRow.Columns} FROM runs WHERE state = 'waiting' AND due_at <= @dueBy ORDER BY due_at, id LIMIT @max",
            new { dueBy = UnixTime.ToMs(dueBy), max = Math.Max(max, 0) }, cancellationToken);

    // A run released before its due time (a pass that looks ahead) still starts at its due time; ready_at records when it
    // may start, which claims judge lateness from.
    public async Task<IReadOnlyList<long>> ReleaseWaitingAsync(IReadOnlyList<(long RunId, string Why)> runs, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await ChangeWaitingAsync(runs,
            """
            UPDATE runs SET state = 'scheduled', due_at = CASE WHEN runs.due_at > v.now THEN runs.due_at ELSE v.now END,
                ready_at = CASE WHEN runs.due_at > v.now THEN runs.due_at ELSE v.now END, detail = NULL, changed_at = v.now, transition = v.text
            FROM {rows} AS v WHERE runs.id = v.id AND runs.state = 'waiting'
            RETURNING runs.id
            """, now, cancellationToken).ConfigureAwait(false);

    // Only the detail changes, and only where it differs: run_events records state changes (its trigger fires on state,
    // attempt and kill requests), so a pass that finds the same reason again every few seconds writes nothing.
    public async Task NoteWaitingAsync(IReadOnlyList<(long RunId, string Detail)> runs, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) return;
        var rows = runs.OrderBy(r => r.RunId).Select(r => new object?[] { r.RunId, r.Detail }).ToList();
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await dialect.ExecuteRowsAsync(scope.Connection, scope.Transaction,
            """
            UPDATE runs SET detail = v.detail FROM {rows} AS v
            WHERE runs.id = v.id AND runs.state = 'waiting' AND (runs.detail IS NULL OR runs.detail <> v.detail)
            """, [RowColumn.Long("id"), RowColumn.Text("detail")], rows, cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Run>> TimeOutWaitingAsync(IReadOnlyList<(long RunId, string Detail)> runs, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var changed = await ChangeWaitingAsync(runs,
            """
            UPDATE runs SET state = 'skipped', skip_reason = 'dependency-timeout', finished_at = v.now, detail = v.text, changed_at = v.now, transition = v.text
            FROM {rows} AS v WHERE runs.id = v.id AND runs.state = 'waiting'
            RETURNING runs.id
            """, now, cancellationToken).ConfigureAwait(false);
        if (changed.Count == 0) return [];
        return await QueryRunsAsync($"SELECT {RunRow.Columns} FROM runs WHERE id {dialect.InList("ids")} ORDER BY id", new { ids = changed.ToArray() }, cancellationToken)
            .ConfigureAwait(false);
    }

    // One statement for all runs, each row carrying its own text, in id order (the lock order every writer of runs
    // uses). The ids it returns are the runs that actually changed: a run another node released a moment earlier is not among them.
    private async Task<List<long>> ChangeWaitingAsync(IReadOnlyList<(long RunId, string Text)> runs, string sql, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) return [];
        var rows = runs.DistinctBy(r => r.RunId).OrderBy(r => r.RunId).Select(r => new object?[] { r.RunId, r.Text, UnixTime.ToMs(now) }).ToList();
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var changed = await dialect.ExecuteRowsReturningIdsAsync(scope.Connection, scope.Transaction, sql, WaitingChangeColumns, rows, cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed.Order().ToList();
    }

    // Business dates are stored as yyyy-MM-dd, so text order is date order.
    public async Task<IReadOnlyList<(string JobId, DateOnly BusinessDate, RunState State)>> DateStatesAsync(IReadOnlyCollection<string> jobIds, DateOnly from, DateOnly to,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        if (jobIds.Count == 0) return [];
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string JobId, string BusinessDate, string State)>(new CommandDefinition(
            $"SELECT job_id, business_date, state FROM runs WHERE job_id {dialect.InList("jobs")} AND business_date >= @from AND business_date <= @to ORDER BY id",
            new { jobs = jobIds.ToArray(), from = BusinessDates.ToText(from), to = BusinessDates.ToText(to) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => (r.JobId, BusinessDates.Parse(r.BusinessDate), RunStates.FromWire(r.State))).ToList();
    }

    public async Task<IReadOnlyList<(string JobId, DateOnly BusinessDate)>> EndedDatesSinceAsync(IReadOnlyCollection<string> jobIds, DateTimeOffset since,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        if (jobIds.Count == 0) return [];
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string JobId, string BusinessDate)>(new CommandDefinition(
            $"""
            SELECT DISTINCT job_id, business_date FROM runs
            WHERE finished_at >= @since AND business_date IS NOT NULL AND job_id {dialect.InList("jobs")}
            ORDER BY job_id, business_date
            """,
            new { jobs = jobIds.ToArray(), since = UnixTime.ToMs(since) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => (r.JobId, BusinessDates.Parse(r.BusinessDate))).ToList();
    }
}
