using System.Text;
using Confluent.Kafka;
using Kairos.Client;
using Kairos.Client.Contracts;
using Kairos.Server.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests;

/// <summary>Jobs triggered by messages on the server's embedded Kafka: one run per matching message, exactly once.</summary>
public sealed class EventTriggerTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            ["store-rate.yaml"] = """
                id: store-rate
                trigger: { topic: fx.responses, key: "USD*", headers: { kind: rate } }
                action:
                  command:
                    argv: ['echo "rate for $KAIROS_BUSINESS_DATE from $KAIROS_MESSAGE_ID: $KAIROS_MESSAGE_VALUE"']
                    shell: true
                """,
        }, extraArgs: ["--Kairos:Kafka:EmbeddedTopics:0", "fx.responses:1"]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EachMatchingMessage_GetsOneRun_WithTheMessage_ARedeliveredOneGetsNone()
    {
        var clients = _server.App.Services.GetRequiredService<KafkaConnection>().Clients;
        using (var producer = clients.Producer("test-partner"))
        {
            async Task Send(string key, string value, string? correlation, string kind = "rate", string? businessDate = null)
            {
                var headers = new Headers { { "kind", Encoding.UTF8.GetBytes(kind) } };
                if (correlation is not null) headers.Add("correlation-id", Encoding.UTF8.GetBytes(correlation));
                if (businessDate is not null) headers.Add("kairos-business-date", Encoding.UTF8.GetBytes(businessDate));
                await producer.ProduceAsync("fx.responses", new Message<string?, byte[]> { Key = key, Value = Encoding.UTF8.GetBytes(value), Headers = headers });
            }
            await Send("USDKRW", "1391.5", "fx-requests:7:1", businessDate: "2026-11-20");
            await Send("JPYKRW", "9.12", "fx-requests:7:2");                       // key does not match
            await Send("USDKRW", "error", "fx-requests:7:3", kind: "error");        // header does not match
            await Send("USDKRW", "1391.5", "fx-requests:7:1", businessDate: "2026-11-20"); // the partner answered twice
            await Send("USDJPY", "152.3", null);                                     // no correlation id: known by its offset
        }

        List<RunDto> runs = [];
        for (var i = 0; i < 600 && (runs.Count < 2 || runs.Any(r => r.State != "succeeded")); i++)
        {
            await Task.Delay(100);
            runs = await _server.Client.ListRunsAsync("store-rate");
        }
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(("event", "succeeded"), (r.Trigger, r.State)));

        var first = runs.Single(r => r.BusinessDate == "2026-11-20");
        var logs = await _server.Client.GetLogsAsync(first.Id);
        Assert.Contains(logs, l => l.Text == "rate for 2026-11-20 from fx-requests:7:1: 1391.5");
        var message = await _server.Client.GetRunMessageAsync(first.Id);
        Assert.Equal(("fx.responses", 0, 0L, "USDKRW", "1391.5", "rate"), (message.Topic, message.Partition, message.Offset, message.Key, message.Value, message.Headers["kind"]));

        var second = runs.Single(r => r.Id != first.Id);
        Assert.Equal("fx.responses/0/4", (await _server.Client.GetRunMessageAsync(second.Id)).Id);
        Assert.Contains(await _server.Client.GetLogsAsync(second.Id), l => l.Text.EndsWith("from fx.responses/0/4: 152.3", StringComparison.Ordinal));

        // The duplicate came before the last message on the one partition, so it has been seen and passed over.
        var worker = _server.App.Services.GetRequiredService<EventTriggerHost>().Workers["store-rate"];
        Assert.Equal((2L, 1L, 2L), (worker.Stats.Processed, worker.Stats.Duplicates, worker.Stats.PassedOver));
    }

    [Fact]
    public async Task AHeldJob_SkipsAMessagesRun_AndSaysWhy()
    {
        await _server.Client.HoldAsync("store-rate", "partner maintenance");
        var clients = _server.App.Services.GetRequiredService<KafkaConnection>().Clients;
        using (var producer = clients.Producer("test-partner"))
        {
            var headers = new Headers { { "kind", "rate"u8.ToArray() } };
            await producer.ProduceAsync("fx.responses", new Message<string?, byte[]> { Key = "USDKRW", Value = "1390"u8.ToArray(), Headers = headers });
        }
        List<RunDto> runs = [];
        for (var i = 0; i < 600 && runs is not [{ State: "skipped" }]; i++)
        {
            await Task.Delay(100);
            runs = await _server.Client.ListRunsAsync("store-rate");
        }
        var run = Assert.Single(runs);
        Assert.Equal(("skipped", "held", "the job was held when the message arrived"), (run.State, run.SkipReason, run.Detail));
    }

    [Fact]
    public async Task ARunThatNoMessageTriggered_HasNoMessage()
    {
        var run = await _server.Client.TriggerAsync("store-rate", reason: "test");
        var e = await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.GetRunMessageAsync(run.RunId));
        Assert.Equal(404, (int)e.Status);
        Assert.Contains("was not triggered by a message", e.Message, StringComparison.Ordinal);
    }
}
