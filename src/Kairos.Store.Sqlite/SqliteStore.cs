using Kairos.Store.Sql;

namespace Kairos.Store.Sqlite;

/// <summary>The embedded default: a Kairos store in one SQLite file.</summary>
public static class SqliteStore
{
    public static SqlKairosStore Open(string path, TimeProvider? clock = null) => new(new SqliteDialect(path), clock ?? TimeProvider.System);
}
