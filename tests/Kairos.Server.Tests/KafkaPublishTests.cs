using System.Text;
using Confluent.Kafka;
using Kairos.Server.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests;

/// <summary>Publishing jobs on the server's embedded Kafka (the mock cluster it starts when no brokers are configured).</summary>
public sealed class KafkaPublishTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            ["fx.yaml"] = """
                id: fx-requests
                action:
                  kafkaPublish:
                    topic: fx.requests
                    partner: bank
                    key: "{{item.pair}}"
                    template: '{"pair":"{{item.pair}}","date":"{{businessDate}}"}'
                    items: [ { pair: USDKRW }, { pair: JPYKRW }, { pair: EURKRW } ]
                """,
            ["stranger.yaml"] = "id: stranger\naction: { kafkaPublish: { topic: fx.requests, partner: nobody, template: x } }\n",
        }, extraArgs: ["--Kairos:Kafka:Partners:bank:Rate", "50", "--Kairos:Kafka:Partners:bank:MaxInFlight", "4", "--Kairos:Kafka:EmbeddedTopics:0", "fx.requests:2"]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PublishingJob_OnTheEmbeddedKafka_DeliversEveryMessage_AndTheRunSaysSo()
    {
        var status = await _server.Client.GetKafkaAsync();
        Assert.True(status.Embedded);
        Assert.Equal(("bank", 50, 4), (status.Partners.Single().Name, status.Partners.Single().Rate, status.Partners.Single().MaxInFlight));

        var run = await _server.Client.TriggerAsync("fx-requests", "2026-11-23", "test");
        var done = await _server.WaitForStateAsync(run.RunId, "succeeded");
        Assert.StartsWith("delivered 3 of 3 to fx.requests", done.Detail, StringComparison.Ordinal);
        var logs = await _server.Client.GetLogsAsync(run.RunId);
        Assert.Contains(logs, l => l.Text == "publishing 3 message(s) to fx.requests as fx-requests@2026-11-23 (partner bank: one every 21 ms (at most 50/s), 4 in flight)");

        var clients = _server.App.Services.GetRequiredService<KafkaConnection>().Clients;
        using var consumer = clients.Consumer("test-reader");
        consumer.Assign([new TopicPartitionOffset("fx.requests", 0, Offset.Beginning), new TopicPartitionOffset("fx.requests", 1, Offset.Beginning)]);
        var values = new List<string>();
        for (var i = 0; i < 100 && values.Count < 3; i++)
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message: not null } r) values.Add(Encoding.UTF8.GetString(r.Message.Value));
        Assert.Equal(["""{"pair":"EURKRW","date":"2026-11-23"}""", """{"pair":"JPYKRW","date":"2026-11-23"}""", """{"pair":"USDKRW","date":"2026-11-23"}"""], values.Order());
    }

    [Fact]
    public async Task UnconfiguredPartner_TheRunFails_NamingThePartnersThatExist()
    {
        var run = await _server.Client.TriggerAsync("stranger", reason: "test");
        var failed = await _server.WaitForStateAsync(run.RunId, "failed");
        Assert.Contains("partner 'nobody' is not configured under Kairos:Kafka:Partners (known: bank); nothing was published", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void BadKafkaSettings_ServerRefusesToStart_NamingTheKey()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Hosting.KairosServer.Build(["--url", "http://127.0.0.1:0", "--Kairos:Kafka:Partners:bank:Rate", "0"]));
        Assert.Contains("Kairos:Kafka:Partners:bank:Rate must be at least 1", e.Message, StringComparison.Ordinal);
        var topic = Assert.Throws<InvalidOperationException>(() => Hosting.KairosServer.Build(["--url", "http://127.0.0.1:0", "--Kairos:Kafka:EmbeddedTopics:0", "fx:0"]));
        Assert.Contains("Kairos:Kafka:EmbeddedTopics has 'fx:0'; write name or name:partitions", topic.Message, StringComparison.Ordinal);
    }
}
