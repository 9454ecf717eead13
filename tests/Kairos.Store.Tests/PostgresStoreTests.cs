using Kairos.Core.Ports;
using Kairos.Store.Postgres;
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
}
