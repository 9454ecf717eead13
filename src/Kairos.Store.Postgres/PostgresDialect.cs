using System.Data.Common;
using Kairos.Store.Sql;
using Npgsql;

namespace Kairos.Store.Postgres;

/// <summary>Many rows go out as one NpgsqlBatch, one round trip; concurrent claimers skip each other's locked rows.</summary>
public sealed class PostgresDialect(string connectionString) : SqlDialect, IAsyncDisposable
{
    // Any constant unique to Kairos: the transaction-scoped advisory lock that serializes migrators.
    private const long MigrationLockKey = 0x4B4149524F53;

    // The first key of the two-key advisory locks that guard one job's claims ("KAIR").
    private const int JobClaimLockSpace = 0x4B414952;

    // The first key of the two-key advisory locks that serialize writers of one job's definition ("KAID").
    private const int JobDefinitionLockSpace = 0x4B414944;

    // The same few statements run thousands of times a second: prepared once per connection, PostgreSQL skips parsing
    // and planning them again.
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
    {
        MaxAutoPrepare = Math.Max(new NpgsqlConnectionStringBuilder(connectionString).MaxAutoPrepare, 64),
        AutoPrepareMinUsages = 2,
    }.ToString());

    public override string Name => "postgres";

    public override string ClaimLockClause => "FOR UPDATE OF r SKIP LOCKED";

    // Npgsql sends a list as one array parameter.
    public override string InList(string parameter) => $"= ANY(@{parameter})";

    // Claims on several nodes run concurrently and skip each other's locked runs, so two of them could each start one
    // run of the same forbid job. A transaction-scoped advisory lock per job (never waited for: a job another claim
    // holds waits for the next claim) makes the overlap count and the start one step for that job.
    public override async Task<IReadOnlySet<string>> TryLockJobsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken)
    {
        var locked = new HashSet<string>(StringComparer.Ordinal);
        if (jobIds.Count == 0) return locked;
        await using var command = new NpgsqlCommand(
            "SELECT j FROM unnest(@jobs::text[]) AS j WHERE pg_try_advisory_xact_lock(@space, hashtext(j))", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("jobs", jobIds.Order(StringComparer.Ordinal).ToArray());
        command.Parameters.AddWithValue("space", JobClaimLockSpace);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) locked.Add(reader.GetString(0));
        return locked;
    }

    public override async Task LockJobDefinitionAsync(DbConnection connection, DbTransaction transaction, string jobId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@space, hashtext(@job))", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("space", JobDefinitionLockSpace);
        command.Parameters.AddWithValue("job", jobId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<SqlWriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        return new SqlWriteScope(connection, transaction, null);
    }

    // One statement per batch: each column travels as a typed array and unnest turns them back into rows.
    public override async Task<int> ExecuteRowsAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<RowColumn> columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var affected = 0;
        foreach (var command in Commands(connection, transaction, sql, columns, rows))
        {
            await using (command) affected += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return affected;
    }

    public override async Task<IReadOnlyList<long>> ExecuteRowsReturningIdsAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<RowColumn> columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        foreach (var command in Commands(connection, transaction, sql, columns, rows))
        {
            await using (command)
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) ids.Add(reader.GetInt64(0));
            }
        }
        return ids;
    }

    private static IEnumerable<NpgsqlCommand> Commands(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<RowColumn> columns, IReadOnlyList<object?[]> rows)
    {
        var source = "(SELECT * FROM unnest(" + string.Join(", ", columns.Select(c => $"@{c.Name}::{(c.Type == RowType.Long ? "bigint" : "text")}[]")) +
                     ") AS u(" + string.Join(", ", columns.Select(c => c.Name)) + "))";
        var text = sql.Replace("{rows}", source, StringComparison.Ordinal);
        foreach (var chunk in rows.Chunk(20_000))
        {
            var command = new NpgsqlCommand(text, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
            for (var i = 0; i < columns.Count; i++)
            {
                var column = i;
                command.Parameters.Add(new NpgsqlParameter(columns[i].Name, columns[i].Type == RowType.Long
                    ? chunk.Select(r => r[column] is null ? (long?)null : Convert.ToInt64(r[column], System.Globalization.CultureInfo.InvariantCulture)).ToArray()
                    : chunk.Select(r => (string?)r[column]).ToArray()));
            }
            yield return command;
        }
    }

    public override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("key", MigrationLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override IReadOnlyList<(int Version, string Name, string Sql)> Migrations() => EmbeddedMigrations.Load(typeof(PostgresDialect).Assembly);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
