using Dapper;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

internal sealed class SqlCalendarDefinitionStore(SqlDialect dialect) : ICalendarDefinitionStore
{
    private const string Columns = "revision, calendar_id, version, kind, definition, changed_at, changed_by, reason";

    // The next version is read inside the writer's transaction, after the definition lock: two nodes saving one id are
    // numbered one after the other. The lock shares the job definitions' space under a "calendar:" key, which no job id
    // can be (job ids have no ':').
    public async Task<CalendarDefinitionVersion> AppendAsync(CalendarDefinitionVersion change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var id = change.CalendarId.ToUpperInvariant();
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await dialect.LockJobDefinitionAsync(scope.Connection, scope.Transaction, "calendar:" + id, cancellationToken).ConfigureAwait(false);
        var version = 1 + await scope.Connection.ExecuteScalarAsync<int>(
            "SELECT COALESCE(MAX(version), 0) FROM calendar_definitions WHERE calendar_id = @id", new { id }, scope.Transaction).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync(
            "INSERT INTO calendar_definitions (calendar_id, version, kind, definition, changed_at, changed_by, reason) " +
            "VALUES (@id, @version, @kind, @definition, @at, @by, @reason)",
            new
            {
                id, version, kind = change.Kind.ToString().ToLowerInvariant(),
                definition = CalendarDefinitionDocument.Write(change.Definition with { Id = id }),
                at = UnixTime.ToMs(change.ChangedAt), by = change.ChangedBy, reason = change.Reason,
            }, scope.Transaction).ConfigureAwait(false);
        var revision = await scope.Connection.ExecuteScalarAsync<long>(
            "SELECT revision FROM calendar_definitions WHERE calendar_id = @id AND version = @version", new { id, version }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return change with { Definition = change.Definition with { Id = id }, Version = version, Revision = revision };
    }

    public async Task<IReadOnlyList<CalendarDefinitionVersion>> CurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(
            $"SELECT {Columns} FROM calendar_definitions d WHERE kind <> 'deleted' " +
            "AND version = (SELECT MAX(version) FROM calendar_definitions l WHERE l.calendar_id = d.calendar_id) ORDER BY calendar_id").ConfigureAwait(false);
        return rows.Select(r => r.ToVersion()).ToList();
    }

    public async Task<IReadOnlyList<CalendarDefinitionVersion>> HistoryAsync(string calendarId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calendarId);
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(
            $"SELECT {Columns} FROM calendar_definitions WHERE calendar_id = @id ORDER BY version DESC", new { id = calendarId.ToUpperInvariant() }).ConfigureAwait(false);
        return rows.Select(r => r.ToVersion()).ToList();
    }

    public async Task<long> RevisionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>("SELECT MAX(revision) FROM calendar_definitions").ConfigureAwait(false) ?? 0;
    }

    private sealed class Row
    {
        public long revision { get; set; }
        public string calendar_id { get; set; } = "";
        public long version { get; set; }
        public string kind { get; set; } = "";
        public string definition { get; set; } = "";
        public long changed_at { get; set; }
        public string changed_by { get; set; } = "";
        public string? reason { get; set; }

        public CalendarDefinitionVersion ToVersion() => new(
            CalendarDefinitionDocument.Read(definition) with { Id = calendar_id }, Enum.Parse<CalendarDefinitionChangeKind>(kind, ignoreCase: true),
            UnixTime.FromMs(changed_at), changed_by, reason, (int)version, revision);
    }
}
