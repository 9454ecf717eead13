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
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
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

    public override async Task ExecuteManyAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        await using var command = Prepare(connection, transaction, sql, rows[0]);
        foreach (var row in rows)
        {
            Bind(command, row);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task<IReadOnlyList<long?>> InsertManyReturningIdAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, CancellationToken cancellationToken)
    {
        var ids = new List<long?>(rows.Count);
        if (rows.Count == 0) return ids;
        await using var command = Prepare(connection, transaction, sql, rows[0]);
        foreach (var row in rows)
        {
            Bind(command, row);
            var id = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            ids.Add(id is null or DBNull ? null : Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture));
        }
        return ids;
    }

    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public override IReadOnlyList<(int Version, string Name, string Sql)> Migrations() => EmbeddedMigrations.Load(typeof(SqliteDialect).Assembly);

    public ValueTask DisposeAsync()
    {
        _writerGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private static SqliteCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyDictionary<string, object?> shape)
    {
        var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = sql;
        foreach (var name in shape.Keys) command.Parameters.Add(new SqliteParameter("@" + name, null));
        return command;
    }

    private static void Bind(SqliteCommand command, IReadOnlyDictionary<string, object?> row)
    {
        foreach (var (name, value) in row) command.Parameters["@" + name].Value = value ?? DBNull.Value;
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
