using System.Data.Common;

namespace Kairos.Store.Sql;

/// <summary>What differs between databases: connections, locking on claim, and sending many rows at once.</summary>
public abstract class SqlDialect
{
    /// <summary>Name used in messages and to find the dialect's migration scripts.</summary>
    public abstract string Name { get; }

    /// <summary>Appended to the claim's SELECT so concurrent claimers pass over each other's rows.</summary>
    public abstract string ClaimLockClause { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Begins a write transaction; a dialect may serialize writers here.</summary>
    public abstract Task<SqlWriteScope> BeginWriteAsync(CancellationToken cancellationToken);

    /// <summary>Runs one statement for each row of parameters, in as few round trips as the database allows.</summary>
    public abstract Task ExecuteManyAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, CancellationToken cancellationToken);

    /// <summary>Runs an INSERT ... RETURNING id per row; a row the statement did not insert yields null.</summary>
    public abstract Task<IReadOnlyList<long?>> InsertManyReturningIdAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, CancellationToken cancellationToken);

    /// <summary>Serializes concurrent migrators inside the migration transaction.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>The SQL of each migration, in version order.</summary>
    public abstract IReadOnlyList<(int Version, string Name, string Sql)> Migrations();
}
