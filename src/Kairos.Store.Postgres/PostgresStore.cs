using Kairos.Store.Sql;

namespace Kairos.Store.Postgres;

/// <summary>A Kairos store on PostgreSQL, shared by several scheduler nodes.</summary>
public static class PostgresStore
{
    public static SqlKairosStore Open(string connectionString, TimeProvider? clock = null) => new(new PostgresDialect(connectionString), clock ?? TimeProvider.System);
}
