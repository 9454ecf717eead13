using Dapper;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

internal sealed class SqlJobStore(SqlDialect dialect, TimeProvider clock) : IJobStore
{
    private const string Columns = "id, definition, source, overlap, held, held_by, held_reason, planned_until, updated_at";

    public async Task UpsertAsync(JobRecord job, bool holdIfNew = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO jobs (id, definition, source, overlap, held, updated_at)
            VALUES (@Id, @Definition, @Source, @Overlap, @Held, @UpdatedAt)
            ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, source = excluded.source,
                overlap = excluded.overlap, updated_at = excluded.updated_at
            """,
            new
            {
                job.Id,
                Definition = job.DefinitionJson,
                job.Source,
                Overlap = job.Overlap.ToString().ToLowerInvariant(),
                Held = holdIfNew ? 1 : 0,
                UpdatedAt = UnixTime.ToMs(job.UpdatedAt),
            },
            scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>($"SELECT {Columns} FROM jobs WHERE id = @id", new { id }).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<JobRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<JobRow>($"SELECT {Columns} FROM jobs ORDER BY id").ConfigureAwait(false);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var n = await scope.Connection.ExecuteAsync("DELETE FROM jobs WHERE id = @id", new { id }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return n > 0;
    }

    public async Task<bool> SetHeldAsync(string id, bool held, string actor, string? reason, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var n = await scope.Connection.ExecuteAsync(
            "UPDATE jobs SET held = @held, held_by = @by, held_reason = @reason, updated_at = @at WHERE id = @id",
            new { id, held = held ? 1 : 0, by = held ? actor : null, reason = held ? reason : null, at = UnixTime.ToMs(clock.GetUtcNow()) },
            scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return n > 0;
    }

    public async Task AdvancePlannedUntilAsync(IReadOnlyList<(string JobId, DateTimeOffset PlannedUntil)> marks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marks);
        if (marks.Count == 0) return;
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await dialect.ExecuteRowsAsync(scope.Connection, scope.Transaction,
            "UPDATE jobs SET planned_until = v.until FROM {rows} AS v WHERE jobs.id = v.id AND (jobs.planned_until IS NULL OR jobs.planned_until < v.until)",
            [RowColumn.Text("id"), RowColumn.Long("until")],
            marks.OrderBy(m => m.JobId, StringComparer.Ordinal).Select(m => new object?[] { m.JobId, UnixTime.ToMs(m.PlannedUntil) }).ToList(),
            cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class JobRow
    {
        public string id { get; set; } = "";
        public string definition { get; set; } = "";
        public string source { get; set; } = "";
        public string overlap { get; set; } = "";
        public long held { get; set; }
        public string? held_by { get; set; }
        public string? held_reason { get; set; }
        public long? planned_until { get; set; }
        public long updated_at { get; set; }

        public JobRecord ToRecord() => new(
            id, definition, source, Enum.Parse<OverlapPolicy>(overlap, ignoreCase: true), UnixTime.FromMs(updated_at),
            held != 0, held_by, held_reason, UnixTime.FromMs(planned_until));
    }
}
