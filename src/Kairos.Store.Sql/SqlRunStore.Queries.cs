using Dapper;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Sql;

internal sealed partial class SqlRunStore
{
    public async Task<Run?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        (await QueryRunsAsync($"SELECT {RunRow.Columns} FROM runs WHERE id = @id", new { id }, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public async Task<Run?> GetBySlotAsync(string jobId, DateTimeOffset slotTime, CancellationToken cancellationToken = default) =>
        (await QueryRunsAsync($"SELECT {RunRow.Columns} FROM runs WHERE job_id = @jobId AND slot_time = @slot", new { jobId, slot = UnixTime.ToMs(slotTime) }, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public Task<IReadOnlyList<Run>> ListAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return QueryRunsAsync(
            $"""
            SELECT {RunRow.Columns} FROM runs
            WHERE (CAST(@job AS TEXT) IS NULL OR job_id = @job) AND (CAST(@state AS TEXT) IS NULL OR state = @state) AND (CAST(@before AS BIGINT) IS NULL OR id < @before)
            {(query.JobIds is null ? "" : $"AND job_id {dialect.InList("jobIds")}")}
            ORDER BY id DESC LIMIT @limit
            """,
            new { job = query.JobId, state = query.State?.ToWire(), before = query.BeforeId, limit = Math.Clamp(query.Limit, 1, 1000), jobIds = query.JobIds?.ToArray() },
            cancellationToken);
    }

    public Task<IReadOnlyList<Run>> SlotRunsAsync(string jobId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        QueryRunsAsync(
            $"SELECT {RunRow.Columns} FROM runs WHERE job_id = @jobId AND slot_time >= @from AND slot_time < @to ORDER BY slot_time",
            new { jobId, from = UnixTime.ToMs(from), to = UnixTime.ToMs(to) }, cancellationToken);

    // Business dates are stored as yyyy-MM-dd, so text order is date order.
    public Task<IReadOnlyList<Run>> BusinessDateRunsAsync(string jobId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        QueryRunsAsync(
            $"SELECT {RunRow.Columns} FROM runs WHERE job_id = @jobId AND business_date >= @from AND business_date <= @to ORDER BY id",
            new { jobId, from = BusinessDates.ToText(from), to = BusinessDates.ToText(to) }, cancellationToken);

    public async Task<IReadOnlyList<RunEvent>> EventsAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long RunId, long At, string? From, string To, long Attempt, string? Detail)>(
            "SELECT run_id, at, from_state, to_state, attempt, detail FROM run_events WHERE run_id = @runId ORDER BY id", new { runId }).ConfigureAwait(false);
        return rows.Select(r => new RunEvent(r.RunId, UnixTime.FromMs(r.At), r.From is null ? null : RunStates.FromWire(r.From), RunStates.FromWire(r.To), (int)r.Attempt, r.Detail)).ToList();
    }

    private async Task<IReadOnlyList<Run>> QueryRunsAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToRun()).ToList();
    }
}
