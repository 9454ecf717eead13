using Dapper;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

internal sealed class SqlNodeStore(SqlDialect dialect) : INodeStore
{
    public async Task HeartbeatAsync(string node, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO nodes (id, started_at, heartbeat_at) VALUES (@node, @now, @now)
            ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at
            """, new { node, now = UnixTime.ToMs(now) }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<NodeRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Id, long Started, long Heartbeat)>("SELECT id, started_at, heartbeat_at FROM nodes ORDER BY id").ConfigureAwait(false);
        return rows.Select(r => new NodeRecord(r.Id, UnixTime.FromMs(r.Started), UnixTime.FromMs(r.Heartbeat))).ToList();
    }
}
