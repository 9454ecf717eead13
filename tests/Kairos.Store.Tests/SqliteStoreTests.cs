using Kairos.Core.Ports;
using Kairos.Store.Sql;
using Kairos.Store.Sqlite;
using Kairos.Testing;

namespace Kairos.Store.Tests;

public sealed class SqliteStoreTests : StoreContract
{
    private string _path = "";

    protected override Task<IKairosStore> CreateCleanStoreAsync()
    {
        _path = TestServers.NewSqlitePath();
        return Task.FromResult<IKairosStore>(SqliteStore.Open(_path));
    }

    protected override IKairosStore OpenSameDatabase() => SqliteStore.Open(_path);

    protected override SqlDialect NewDatabaseDialect() => new SqliteDialect(TestServers.NewSqlitePath());

    protected override SqlDialect SameDatabaseDialect() => new SqliteDialect(_path);
}
