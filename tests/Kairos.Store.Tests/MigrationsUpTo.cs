using System.Data.Common;
using Kairos.Store.Sql;

namespace Kairos.Store.Tests;

/// <summary>A dialect that knows only the migrations up to <paramref name="version"/>: a database as an older Kairos left it.</summary>
internal sealed class MigrationsUpTo(SqlDialect inner, int version) : SqlDialect
{
    public override string Name => inner.Name;

    public override string ClaimLockClause => inner.ClaimLockClause;

    public override Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);

    public override Task<SqlWriteScope> BeginWriteAsync(CancellationToken cancellationToken) => inner.BeginWriteAsync(cancellationToken);

    public override Task<int> ExecuteRowsAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<RowColumn> columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken) =>
        inner.ExecuteRowsAsync(connection, transaction, sql, columns, rows, cancellationToken);

    public override Task<IReadOnlyList<long>> ExecuteRowsReturningIdsAsync(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<RowColumn> columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken) =>
        inner.ExecuteRowsReturningIdsAsync(connection, transaction, sql, columns, rows, cancellationToken);

    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        inner.LockForMigrationAsync(connection, transaction, cancellationToken);

    public override IReadOnlyList<(int Version, string Name, string Sql)> Migrations() => [.. inner.Migrations().Where(m => m.Version <= version)];
}
