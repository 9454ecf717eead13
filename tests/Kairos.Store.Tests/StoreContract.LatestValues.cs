using Kairos.Core.Ports;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    private static LatestValue Rate(string key, string value, long offset) =>
        new("fx-rates", key, value, "2026-11-23", $"fx:1:{offset}", "fx.responses", 0, offset, T0.AddSeconds(offset));

    private Task<bool> PutOnceAsync(LatestValue value) =>
        Store.Inbox.ProcessOnceAsync(new InboxMessage(value.Consumer, value.MessageId, value.Topic, value.Partition, value.Offset, T0),
            (tx, ct) => Store.LatestValues.PutAsync(tx, value, ct));

    [Fact]
    public async Task LatestValues_KeepTheLastValuePerKey_AndCountUpdates_ARedeliveryCountsNothing()
    {
        Assert.True(await PutOnceAsync(Rate("USDKRW", "1391.5", 1)));
        Assert.True(await PutOnceAsync(Rate("JPYKRW", "9.12", 2)));
        Assert.True(await PutOnceAsync(Rate("USDKRW", "1392.0", 3)));
        Assert.False(await PutOnceAsync(Rate("USDKRW", "1392.0", 3))); // redelivered

        var values = await Store.LatestValues.ListAsync("fx-rates");
        Assert.Equal([("JPYKRW", "9.12", 1L), ("USDKRW", "1392.0", 2L)], values.Select(v => (v.Key, v.Value, v.Updates)));
        var usd = values[1];
        Assert.Equal(("2026-11-23", "fx:1:3", 3L, T0.AddSeconds(3)), (usd.BusinessDate, usd.MessageId, usd.Offset, usd.UpdatedAt));
        Assert.Empty(await Store.LatestValues.ListAsync("someone-else"));
    }

    [Fact]
    public async Task Inbox_Contains_OnlyWhatTheConsumerProcessed()
    {
        Assert.False(await Store.Inbox.ContainsAsync("relay", "fx:2:1"));
        Assert.True(await Store.Inbox.ProcessOnceAsync(new InboxMessage("relay", "fx:2:1", "fx.requests", 0, 1, T0), (_, _) => Task.CompletedTask));
        Assert.True(await Store.Inbox.ContainsAsync("relay", "fx:2:1"));
        Assert.False(await Store.Inbox.ContainsAsync("other", "fx:2:1"));
    }
}
