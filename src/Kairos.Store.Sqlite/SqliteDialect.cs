using System.Data.Common;
using Kairos.Store.Sql;
using Microsoft.Data.Sqlite;

namespace Kairos.Store.Sqlite;

/// <summary>
/// SQLite allows one writer at a time. Writers in this process queue on a gate instead of spinning on SQLITE_BUSY;
/// writers in other processes (a second server on the same file) wait through the busy timeout.
/// </summary>
public sealed class SqliteDialect : SqlDialect, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writerGate = new(1, 1);

    public SqliteDialect(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        // Owner-only before SQLite first opens it: SQLite gives its -wal and -shm files the database file's mode.
        OwnerOnly.EnsureFolder(System.IO.Path.GetDirectoryName(Path)!);
        OwnerOnly.EnsureFile(Path);
        foreach (var companion in new[] { "-wal", "-shm", "-journal" }) OwnerOnly.TightenIfPresent(Path + companion);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public override string Name => "sqlite";

    public override string ClaimLockClause => "";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        // WAL lets readers (API, console) proceed while the scheduler writes; NORMAL sync is durable across process crashes.
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    public override async Task<SqlWriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _writerGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = (SqliteConnection)await OpenAsync(cancellationToken).ConfigureAwait(false);
            // IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading a read lock.
            var transaction = connection.BeginTransaction(deferred: false);
            return new SqlWriteScope(connection, transaction, new Release(_writerGate));
        }
        catch
        {
            _writerGate.Release();
            throw;
        }
    }

    // The rows travel as one JSON array of arrays and json_each turns them back into rows, so a batch is one
    // statement rather than one per row: the single writer holds its lock for far less time.
    public override async Task<int> ExecuteRowsAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<RowColumn> columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return 0;
        await using var command = Command(connection, transaction, sql, columns, rows);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task<IReadOnlyList<long>> ExecuteRowsReturningIdsAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<RowColumn> columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        if (rows.Count == 0) return ids;
        await using var command = Command(connection, transaction, sql, columns, rows);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private static SqliteCommand Command(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<RowColumn> columns, IReadOnlyList<object?[]> rows)
    {
        var source = "(SELECT " + string.Join(", ", columns.Select((c, i) => $"value ->> {i} AS {c.Name}")) + " FROM json_each(@rows))";
        var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = sql.Replace("{rows}", source, StringComparison.Ordinal);
        command.Parameters.Add(new SqliteParameter("@rows", System.Text.Json.JsonSerializer.Serialize(rows)));
        return command;
    }

    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public override IReadOnlyList<(int Version, string Name, string Sql)> Migrations() => EmbeddedMigrations.Load(typeof(SqliteDialect).Assembly);

    public ValueTask DisposeAsync()
    {
        _writerGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
