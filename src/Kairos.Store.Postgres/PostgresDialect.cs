using System.Data.Common;
using Kairos.Store.Sql;
using Npgsql;

namespace Kairos.Store.Postgres;

/// <summary>Many rows go out as one NpgsqlBatch, one round trip; concurrent claimers skip each other's locked rows.</summary>
public sealed class PostgresDialect(string connectionString) : SqlDialect, IAsyncDisposable
{
    // Any constant unique to Kairos: the transaction-scoped advisory lock that serializes migrators.
    private const long MigrationLockKey = 0x4B4149524F53;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Name => "postgres";

    public override string ClaimLockClause => "FOR UPDATE OF r SKIP LOCKED";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<SqlWriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        return new SqlWriteScope(connection, transaction, null);
    }

    public override async Task ExecuteManyAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(1000))
        {
            await using var batch = Batch(connection, transaction, sql, chunk);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task<IReadOnlyList<long?>> InsertManyReturningIdAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, CancellationToken cancellationToken)
    {
        var ids = new List<long?>(rows.Count);
        foreach (var chunk in rows.Chunk(1000))
        {
            await using var batch = Batch(connection, transaction, sql, chunk);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            do
            {
                ids.Add(await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(0) : null);
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }
        return ids;
    }

    public override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("key", MigrationLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override IReadOnlyList<(int Version, string Name, string Sql)> Migrations() => EmbeddedMigrations.Load(typeof(PostgresDialect).Assembly);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static NpgsqlBatch Batch(DbConnection connection, DbTransaction transaction, string sql, IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var (name, value) in row) command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
            batch.BatchCommands.Add(command);
        }
        return batch;
    }
}
