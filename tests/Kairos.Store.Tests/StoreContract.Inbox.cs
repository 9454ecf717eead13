using Dapper;
using Kairos.Core.Ports;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    private static InboxMessage Message(string id, long offset = 0) => new("rates", id, "fx.responses", 0, offset, T0);

    // The handler's own table, made inside its transaction: DDL is transactional on both databases.
    private static Func<IStoreTransaction, CancellationToken, Task> Effect(string value, Action? before = null) => async (tx, _) =>
    {
        before?.Invoke();
        await tx.Connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS effects (value TEXT NOT NULL)", transaction: tx.Transaction);
        await tx.Connection.ExecuteAsync("INSERT INTO effects (value) VALUES (@value)", new { value }, tx.Transaction);
    };

    private async Task<List<string>> EffectsAsync()
    {
        var added = false;
        await Store.Inbox.ProcessOnceAsync(Message("probe-" + Guid.NewGuid()), async (tx, _) =>
        {
            await tx.Connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS effects (value TEXT NOT NULL)", transaction: tx.Transaction);
            added = true;
        });
        Assert.True(added);
        var values = new List<string>();
        await Store.Inbox.ProcessOnceAsync(Message("read-" + Guid.NewGuid()), async (tx, _) =>
            values.AddRange(await tx.Connection.QueryAsync<string>("SELECT value FROM effects ORDER BY value", transaction: tx.Transaction)));
        return values;
    }

    [Fact]
    public async Task Inbox_SecondDeliveryOfAMessage_IsRecognised_AndItsHandlerNeverRuns()
    {
        Assert.True(await Store.Inbox.ProcessOnceAsync(Message("fx:1:1"), Effect("USDKRW")));
        var calledAgain = false;
        Assert.False(await Store.Inbox.ProcessOnceAsync(Message("fx:1:1", offset: 7), Effect("USDKRW again", () => calledAgain = true)));
        Assert.False(calledAgain);
        Assert.Equal(["USDKRW"], await EffectsAsync());
        Assert.Equal(3, await Store.Inbox.CountAsync("rates")); // the message and the two reads
        Assert.Equal(0, await Store.Inbox.CountAsync("someone-else"));
    }

    [Fact]
    public async Task Inbox_HandlerThrows_NeitherItsWritesNorTheRecordAreKept_ALaterDeliveryProcessesIt()
    {
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Inbox.ProcessOnceAsync(Message("fx:1:2"), async (tx, ct) =>
        {
            await Effect("half done")(tx, ct);
            throw new InvalidOperationException("partner said no");
        }));
        Assert.Equal("partner said no", thrown.Message);
        Assert.True(await Store.Inbox.ProcessOnceAsync(Message("fx:1:2"), Effect("done")));
        Assert.Equal(["done"], await EffectsAsync());
    }

    [Fact]
    public async Task Inbox_TwoNodesGivenTheSameMessageAtOnce_OneProcessesIt()
    {
        await using var other = SecondNode();
        var handled = 0;
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? Store : other).Inbox.ProcessOnceAsync(Message("fx:1:3"), async (tx, ct) =>
            {
                Interlocked.Increment(ref handled);
                await Effect($"node {i % 2}")(tx, ct);
            })));
        Assert.Single(results, r => r);
        Assert.Equal(1, handled);
        Assert.Single(await EffectsAsync());
    }
}
