using Dapper;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

/// <summary>
/// Jobs and their versions. Every definition change writes its version in the same transaction, numbered under the
/// job's definition lock, so a change is never stored without its history or its history without the change.
/// </summary>
internal sealed partial class SqlJobStore(SqlDialect dialect, TimeProvider clock) : IJobStore
{
    private const string Columns = "id, definition, definition_format, source, overlap, held, held_by, held_reason, planned_until, updated_at";

    public async Task UpsertAsync(JobRecord job, JobChange change, bool holdIfNew = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(change);
        var definition = JobDefinitionFormat.Write(job.Definition);
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await dialect.LockJobDefinitionAsync(scope.Connection, scope.Transaction, job.Id, cancellationToken).ConfigureAwait(false);
        var current = await scope.Connection.QuerySingleOrDefaultAsync<StoredDefinition>(
            "SELECT definition, definition_format FROM jobs WHERE id = @Id", new { job.Id }, scope.Transaction).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO jobs (id, definition, definition_format, source, overlap, held, updated_at)
            VALUES (@Id, @Definition, @Format, @Source, @Overlap, @Held, @UpdatedAt)
            ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, definition_format = excluded.definition_format,
                source = excluded.source, overlap = excluded.overlap, updated_at = excluded.updated_at
            """,
            new
            {
                job.Id,
                Definition = definition,
                Format = JobDefinitionFormat.Current,
                job.Source,
                Overlap = job.Overlap.ToString().ToLowerInvariant(),
                Held = holdIfNew ? 1 : 0,
                UpdatedAt = UnixTime.ToMs(job.UpdatedAt),
            },
            scope.Transaction).ConfigureAwait(false);
        // Rewritten in the current format before comparing, so a row of an older format that says the same is no change.
        if (current is null || JobDefinitionFormat.Write(current.Read(job.Id)) != definition)
            await AppendVersionAsync(scope, job.Id, current is null ? JobChangeKind.Created : JobChangeKind.Changed, definition, job.UpdatedAt, change).ConfigureAwait(false);
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

    public async Task<bool> DeleteAsync(string id, JobChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await dialect.LockJobDefinitionAsync(scope.Connection, scope.Transaction, id, cancellationToken).ConfigureAwait(false);
        var current = await scope.Connection.QuerySingleOrDefaultAsync<StoredDefinition>(
            "SELECT definition, definition_format FROM jobs WHERE id = @id", new { id }, scope.Transaction).ConfigureAwait(false);
        if (current is null) return false;
        await scope.Connection.ExecuteAsync("DELETE FROM jobs WHERE id = @id", new { id }, scope.Transaction).ConfigureAwait(false);
        await AppendVersionAsync(scope, id, JobChangeKind.Deleted, JobDefinitionFormat.Write(current.Read(id)), clock.GetUtcNow(), change).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
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
        public long definition_format { get; set; }
        public string source { get; set; } = "";
        public string overlap { get; set; } = "";
        public long held { get; set; }
        public string? held_by { get; set; }
        public string? held_reason { get; set; }
        public long? planned_until { get; set; }
        public long updated_at { get; set; }

        public JobRecord ToRecord() => new(
            id, JobDefinitionFormat.Read(id, definition, (int)definition_format), source, Enum.Parse<OverlapPolicy>(overlap, ignoreCase: true), UnixTime.FromMs(updated_at),
            held != 0, held_by, held_reason, UnixTime.FromMs(planned_until));
    }
}
