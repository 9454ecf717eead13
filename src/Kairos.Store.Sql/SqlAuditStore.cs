using Dapper;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

internal sealed class SqlAuditStore(SqlDialect dialect) : IAuditStore
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync(
            "INSERT INTO audit (at, actor, action, target, reason, detail, source, before_state, after_state) " +
            "VALUES (@at, @Actor, @Action, @Target, @Reason, @Detail, @Source, @Before, @After)",
            new { at = UnixTime.ToMs(entry.At), entry.Actor, entry.Action, entry.Target, entry.Reason, entry.Detail, entry.Source, entry.Before, entry.After },
            scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? target, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(
            "SELECT id, at, actor, action, target, reason, detail, source, before_state AS before, after_state AS after FROM audit " +
            "WHERE (CAST(@target AS TEXT) IS NULL OR target = @target) ORDER BY id DESC LIMIT @limit",
            new { target, limit = Math.Clamp(limit, 1, 1000) }).ConfigureAwait(false);
        return rows.Select(r => new AuditEntry(UnixTime.FromMs(r.At), r.Actor, r.Action, r.Target, r.Reason, r.Detail, r.Id, r.Source, r.Before, r.After)).ToList();
    }

    private sealed record Row(long Id, long At, string Actor, string Action, string Target, string? Reason, string? Detail, string? Source, string? Before, string? After);
}
