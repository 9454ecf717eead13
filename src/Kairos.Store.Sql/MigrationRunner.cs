using Dapper;

namespace Kairos.Store.Sql;

/// <summary>Applies each pending migration in its own transaction and records it, so a crash leaves a known version.</summary>
internal static class MigrationRunner
{
    public static async Task MigrateAsync(SqlDialect dialect, TimeProvider clock, CancellationToken cancellationToken)
    {
        foreach (var (version, name, sql) in dialect.Migrations())
        {
            await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
            await dialect.LockForMigrationAsync(scope.Connection, scope.Transaction, cancellationToken).ConfigureAwait(false);
            await scope.Connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS kairos_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
                transaction: scope.Transaction).ConfigureAwait(false);
            var applied = await scope.Connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM kairos_migrations WHERE version = @version", new { version }, scope.Transaction).ConfigureAwait(false);
            if (applied > 0) continue;
            await scope.Connection.ExecuteAsync(sql, transaction: scope.Transaction).ConfigureAwait(false);
            await scope.Connection.ExecuteAsync(
                "INSERT INTO kairos_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = clock.GetUtcNow().ToUnixTimeMilliseconds() },
                scope.Transaction).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<int> CurrentVersionAsync(SqlDialect dialect, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>("SELECT COALESCE(MAX(version), 0) FROM kairos_migrations").ConfigureAwait(false);
    }
}
