using Kairos.Core.Ports;
using Kairos.Store.Postgres;
using Kairos.Store.Sql;
using Kairos.Testing;

namespace Kairos.Store.Tests;

public sealed class PostgresStoreTests : StoreContract
{
    private string _connectionString = "";

    protected override Task<IKairosStore> CreateCleanStoreAsync()
    {
        _connectionString = TestServers.NewPostgresDatabase();
        return Task.FromResult<IKairosStore>(PostgresStore.Open(_connectionString));
    }

    protected override IKairosStore OpenSameDatabase() => PostgresStore.Open(_connectionString);

    protected override SqlDialect NewDatabaseDialect() => new PostgresDialect(TestServers.NewPostgresDatabase());

    protected override SqlDialect SameDatabaseDialect() => new PostgresDialect(_connectionString);
}
