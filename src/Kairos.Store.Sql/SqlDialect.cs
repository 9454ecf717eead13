using System.Data.Common;

namespace Kairos.Store.Sql;

/// <summary>What differs between databases: connections, locking on claim, and sending many rows at once.</summary>
public abstract class SqlDialect
{
    /// <summary>Name used in messages and to find the dialect's migration scripts.</summary>
    public abstract string Name { get; }

    /// <summary>Appended to the claim's SELECT so concurrent claimers pass over each other's rows.</summary>
    public abstract string ClaimLockClause { get; }

    /// <summary>
    /// Takes, for the rest of the transaction, each job's claim lock that no other claim holds, and returns those jobs.
    /// Two claims then never judge one forbid job's overlap at the same time. A dialect whose writers are already
    /// serialized takes them all.
    /// </summary>
    public virtual Task<IReadOnlySet<string>> TryLockJobsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(jobIds.ToHashSet(StringComparer.Ordinal));

    /// <summary>
    /// Waits for, and holds to the end of the transaction, the lock on one job's definition, so two writers of the same
    /// job number their versions one after the other. A dialect whose writers are already serialized has nothing to do.
    /// </summary>
    public virtual Task LockJobDefinitionAsync(DbConnection connection, DbTransaction transaction, string jobId, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>"Is among the values of a list parameter", as the driver passes lists: <c>IN @ids</c> or <c>= ANY(@ids)</c>.</summary>
    public virtual string InList(string parameter) => $"IN @{parameter}";

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Begins a write transaction; a dialect may serialize writers here.</summary>
    public abstract Task<SqlWriteScope> BeginWriteAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="sql"/> over many rows: <c>{rows}</c> in it stands for a row source with the given columns,
    /// used as <c>FROM {rows} AS v</c>. A dialect sends all rows at once where it can. Returns the rows affected.
    /// </summary>
    public abstract Task<int> ExecuteRowsAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<RowColumn> columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="ExecuteRowsAsync"/>, for a statement that returns one id per row it changed (<c>RETURNING id</c>):
    /// the ids it returned, so a batch knows exactly which of its rows it changed.
    /// </summary>
    public abstract Task<IReadOnlyList<long>> ExecuteRowsReturningIdsAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<RowColumn> columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>Serializes concurrent migrators inside the migration transaction.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>The SQL of each migration, in version order.</summary>
    public abstract IReadOnlyList<(int Version, string Name, string Sql)> Migrations();
}
