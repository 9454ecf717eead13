using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Triggers;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    private static TriggerMessage Arrived(string id, long offset) =>
        new(id, "fx.responses", 1, offset, "USDKRW", """{"pair":"USDKRW","rate":1391.5}""",
            [new("correlation-id", id), new("kind", "quote"), new("kind", "rate")], T0.AddSeconds(offset));

    private static NewRun EventRun(string detail) => new("store-rate", null, TriggerKind.Event, new DateOnly(2026, 11, 23), T0, RunState.Queued, Detail: detail);

    private async Task<(long RunId, bool Created)?> TriggerOnceAsync(TriggerMessage message, string inboxId, string detail)
    {
        (long, bool)? result = null;
        await Store.Inbox.ProcessOnceAsync(new InboxMessage("kairos-trigger-store-rate", inboxId, message.Topic, message.Partition, message.Offset, T0),
            async (tx, ct) => result = await Store.Runs.AddEventRunAsync(EventRun(detail), message, tx, T0, ct));
        return result;
    }

    [Fact]
    public async Task EventRun_IsCreatedWithItsMessage_WhichEveryAttemptCanReadBack()
    {
        var (runId, created) = (await TriggerOnceAsync(Arrived("fx:9:1", 40), "fx:9:1", "from the message"))!.Value;
        Assert.True(created);
        var run = await Store.Runs.GetAsync(runId);
        Assert.Equal((TriggerKind.Event, RunState.Queued, "from the message", new DateOnly(2026, 11, 23)), (run!.Trigger, run.State, run.Detail, run.BusinessDate));

        var message = await Store.Runs.TriggerMessageAsync(runId);
        Assert.NotNull(message);
        Assert.Equal(("fx:9:1", "fx.responses", 1, 40L, "USDKRW"), (message.Id, message.Topic, message.Partition, message.Offset, message.Key));
        Assert.Equal("""{"pair":"USDKRW","rate":1391.5}""", message.Value);
        Assert.Equal(T0.AddSeconds(40), message.Timestamp);
        Assert.Equal([new("correlation-id", "fx:9:1"), new("kind", "quote"), new("kind", "rate")], message.Headers);
        Assert.Null(await Store.Runs.TriggerMessageAsync(runId + 1000));
    }

    [Fact]
    public async Task EventRun_SameMessageIdForTheSameJob_FindsTheFirstRun_AndCreatesNoSecond()
    {
        var first = (await TriggerOnceAsync(Arrived("fx:9:2", 41), "fx:9:2", "first"))!.Value;
        // The inbox would normally stop this; under another inbox name (a renamed consumer) the store's key still does.
        var again = (await TriggerOnceAsync(Arrived("fx:9:2", 77), "renamed-consumer-copy", "second"))!.Value;
        Assert.Equal((first.RunId, false), again);
        var runs = await Store.Runs.ListAsync(new RunQuery(JobId: "store-rate"));
        Assert.Single(runs);
        Assert.Equal(41, (await Store.Runs.TriggerMessageAsync(first.RunId))!.Offset);
    }

    [Fact]
    public async Task EventRun_WhenTheInboxTransactionFails_NeitherTheRunNorItsMessageIsKept()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Inbox.ProcessOnceAsync(
            new InboxMessage("kairos-trigger-store-rate", "fx:9:3", "fx.responses", 1, 42, T0),
            async (tx, ct) =>
            {
                await Store.Runs.AddEventRunAsync(EventRun("doomed"), Arrived("fx:9:3", 42), tx, T0, ct);
                throw new InvalidOperationException("crash after the run was written");
            }));
        Assert.Empty(await Store.Runs.ListAsync(new RunQuery(JobId: "store-rate")));
        var retried = (await TriggerOnceAsync(Arrived("fx:9:3", 42), "fx:9:3", "redelivered"))!.Value;
        Assert.True(retried.Created);
        Assert.Equal("redelivered", (await Store.Runs.GetAsync(retried.RunId))!.Detail);
    }
}
