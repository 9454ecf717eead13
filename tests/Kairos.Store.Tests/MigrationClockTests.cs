using Kairos.Store.Sqlite;
using Kairos.Testing;
using Microsoft.Data.Sqlite;

namespace Kairos.Store.Tests;

public sealed class MigrationClockTests
{
    [Fact]
    public async Task Migrate_OnAGivenClock_RecordsThatClocksTimeAsAppliedAt()
    {
        var path = TestServers.NewSqlitePath();
        var at = new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero);
        await using (var store = SqliteStore.Open(path, new ManualClock(at))) await store.MigrateAsync();

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT MIN(applied_at), MAX(applied_at) FROM kairos_migrations";
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((at.ToUnixTimeMilliseconds(), at.ToUnixTimeMilliseconds()), (reader.GetInt64(0), reader.GetInt64(1)));
    }
}
