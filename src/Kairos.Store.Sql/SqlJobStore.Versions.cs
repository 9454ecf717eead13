using Dapper;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

internal sealed partial class SqlJobStore
{
    private const string VersionColumns = "job_id, version, kind, definition, definition_format, changed_at, changed_by, reason";

    public async Task<IReadOnlyList<JobVersion>> VersionsAsync(string id, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<VersionRow>(
            $"SELECT {VersionColumns} FROM job_versions WHERE job_id = @id ORDER BY version DESC LIMIT @limit",
            new { id, limit = Math.Clamp(limit, 1, 1000) }).ConfigureAwait(false);
        return rows.Select(r => r.ToVersion()).ToList();
    }

    public async Task<JobVersion?> GetVersionAsync(string id, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(
            $"SELECT {VersionColumns} FROM job_versions WHERE job_id = @id AND version = @version", new { id, version }).ConfigureAwait(false);
        return row?.ToVersion();
    }

    // The next number is read inside the writer's transaction, after the job's definition lock.
    private static Task AppendVersionAsync(SqlWriteScope scope, string id, JobChangeKind kind, string definition, DateTimeOffset at, JobChange change) =>
        scope.Connection.ExecuteAsync(
            """
            INSERT INTO job_versions (job_id, version, kind, definition, definition_format, changed_at, changed_by, reason)
            SELECT @id, COALESCE(MAX(version), 0) + 1, @kind, @definition, @format, @at, @by, @reason FROM job_versions WHERE job_id = @id
            """,
            new
            {
                id,
                kind = kind.ToString().ToLowerInvariant(),
                definition,
                format = JobDefinitionFormat.Current,
                at = UnixTime.ToMs(at),
                by = change.Actor,
                reason = change.Reason,
            },
            scope.Transaction);

    private sealed class StoredDefinition
    {
        public string definition { get; set; } = "";
        public long definition_format { get; set; }

        public Core.Jobs.JobSpec Read(string jobId) => JobDefinitionFormat.Read(jobId, definition, (int)definition_format);
    }

    private sealed class VersionRow
    {
        public string job_id { get; set; } = "";
        public long version { get; set; }
        public string kind { get; set; } = "";
        public string definition { get; set; } = "";
        public long definition_format { get; set; }
        public long changed_at { get; set; }
        public string changed_by { get; set; } = "";
        public string? reason { get; set; }

        public JobVersion ToVersion() => new(
            job_id, (int)version, Enum.Parse<JobChangeKind>(kind, ignoreCase: true),
            JobDefinitionFormat.Read(job_id, definition, (int)definition_format), UnixTime.FromMs(changed_at), changed_by, reason);
    }
}
