using System.Text;
using Confluent.Kafka;
using Kairos.Core.Messages;
using Kairos.Core.Ports;
using Kairos.Kafka.Consuming;
using Kairos.Kafka.Native;
using Kairos.Store.Sqlite;
using Kairos.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Kafka.Tests;

/// <summary>The consumer runtime on the mock cluster over TCP with a real SQLite inbox.</summary>
public sealed class ConsumerTests(KafkaTestCluster kafka) : IClassFixture<KafkaTestCluster>, IAsyncLifetime
{
    private IKairosStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = SqliteStore.Open(TestServers.NewSqlitePath());
        await _store.MigrateAsync();
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task EveryMessageHandledOnce_AMessageSentTwiceIsRecognised_AndARewoundGroupChangesNothing()
    {
        var topic = kafka.NewTopic(partitions: 3);
        await ProduceAsync(topic, Enumerable.Range(1, 40).Select(i => ($"rate {i}", $"fx:9:{i}")));
        await ProduceAsync(topic, Enumerable.Range(1, 5).Select(i => ($"rate {i} again", $"fx:9:{i}"))); // a publisher's retry
        var handler = new EffectsHandler();
        var settings = new ConsumerSettings("rates-" + topic, topic);
        await RunUntilAsync(settings, handler, w => w.Stats.Processed + w.Stats.Duplicates >= 45);
        Assert.Equal((40, 40), await EffectsHandler.CountAsync(_store));
        Assert.Equal(40, await _store.Inbox.CountAsync(settings.Name));

        // As after a crash between processing and commit, but for every message: a new group reads the topic from the
        // start, and the inbox (kept by consumer name) recognises each one.
        var again = await RunUntilAsync(settings with { GroupId = settings.Name + "-rewound" }, handler, w => w.Stats.Duplicates >= 45);
        Assert.Equal(0, again.Stats.Processed);
        Assert.Equal((40, 40), await EffectsHandler.CountAsync(_store));
    }

    [Fact]
    public async Task PoisonMessage_TriedThreeTimes_ThenDeadLetteredWithTheError_TheRestFlowOn()
    {
        var topic = kafka.NewTopic();
        await ProduceAsync(topic, [("rate 1", "p:1"), ("poison pill", "p:2"), ("rate 3", "p:3")]);
        var handler = new EffectsHandler();
        var settings = new ConsumerSettings("poison-" + topic, topic) { Backoff = TimeSpan.FromMilliseconds(20) };
        var worker = await RunUntilAsync(settings, handler, w => w.Stats.Processed >= 2 && w.Stats.DeadLettered >= 1);
        Assert.Equal((2, 2, 1), (worker.Stats.Retries, worker.Stats.Processed, worker.Stats.DeadLettered));
        Assert.Equal((2, 2), await EffectsHandler.CountAsync(_store));

        var dead = Assert.Single(kafka.ReadAll(settings.DeadLetters, 1));
        Assert.Equal("poison pill", Encoding.UTF8.GetString(dead.Message.Value));
        Assert.Equal(("FormatException: 'poison pill' is not a rate", "3", topic, "1", "p:2"),
            (KafkaTestCluster.Header(dead, MessageHeaders.Error), KafkaTestCluster.Header(dead, MessageHeaders.Attempts),
             KafkaTestCluster.Header(dead, MessageHeaders.OriginalTopic), KafkaTestCluster.Header(dead, MessageHeaders.OriginalOffset),
             KafkaTestCluster.Header(dead, MessageHeaders.CorrelationId)));
    }

    [Fact]
    public async Task BrokerLostMidStream_ClusterFailsOver_NothingLost_NothingTwice()
    {
        using var own = new KafkaTestCluster(); // broker 1 stays down: the other tests keep a whole cluster
        var topic = own.NewTopic(partitions: 2);
        var handler = new EffectsHandler();
        var settings = new ConsumerSettings("outage-" + topic, topic);
        var worker = new KafkaConsumerWorker(settings, handler, own.Clients(), _store.Inbox, TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);
        await WaitAsync(() => worker.Assigned.Count == 2, TimeSpan.FromSeconds(30)); // the stream is flowing before the outage

        using var producer = own.Clients().Producer();
        var sends = new List<Task>();
        for (var i = 1; i <= 200; i++)
        {
            if (i == 60) LoseBrokerOne(own.Cluster, topic, settings.Group);
            sends.Add(producer.ProduceAsync(topic, Message($"rate {i}", $"o:{i}")));
            if (i % 20 == 0) await Task.Delay(100);
        }
        await Task.WhenAll(sends);
        await WaitAsync(() => worker.Stats.Processed >= 200, TimeSpan.FromSeconds(60),
            () => $"processed {worker.Stats.Processed}, duplicates {worker.Stats.Duplicates}, assigned [{string.Join(",", worker.Assigned)}]");
        await stop.CancelAsync();
        await running;
        Assert.Equal((200, 200), await EffectsHandler.CountAsync(_store));
    }

    /// <summary>
    /// Broker 1 dies with its connections, and the cluster moves its partitions and the group's
    /// coordinator to broker 2. Clients see broken connections and stale leaders, as when a real broker is lost.
    /// </summary>
    private static void LoseBrokerOne(MockCluster cluster, string topic, string group)
    {
        cluster.BrokerDown(1);
        for (var partition = 0; partition < 2; partition++) cluster.SetPartitionLeader(topic, partition, 2);
        cluster.SetGroupCoordinator(group, 2);
    }

    [Fact]
    public async Task TwoMembersOfOneGroup_ShareThePartitions_AndEachMessageTakesEffectOnce()
    {
        var topic = kafka.NewTopic(partitions: 4);
        var handler = new EffectsHandler();
        var settings = new ConsumerSettings("pair-" + topic, topic);
        var (a, b) = (Worker(settings, handler), Worker(settings, handler));
        using var stop = new CancellationTokenSource();
        var running = new[] { a.RunAsync(stop.Token), b.RunAsync(stop.Token) };
        // Two cooperative rebalances, each with the mock cluster's join delay: seconds alone, much longer beside the whole suite.
        await WaitAsync(() => a.Assigned.Count + b.Assigned.Count == 4 && a.Assigned.Count > 0 && b.Assigned.Count > 0, TimeSpan.FromSeconds(90),
            () => $"assigned [{string.Join(",", a.Assigned)}] and [{string.Join(",", b.Assigned)}]");
        await ProduceAsync(topic, Enumerable.Range(1, 80).Select(i => ($"rate {i}", $"g:{i}")));
        await WaitAsync(() => a.Stats.Processed + b.Stats.Processed >= 80, TimeSpan.FromSeconds(30));
        Assert.True(a.Stats.Processed > 0 && b.Stats.Processed > 0, $"both members should have worked: {a.Stats.Processed} and {b.Stats.Processed}");
        await stop.CancelAsync();
        await Task.WhenAll(running);
        Assert.Equal((80, 80), await EffectsHandler.CountAsync(_store));
    }

    [Fact]
    public async Task Lag_PerPartition_IsLogEndLessCommitted_AndWholeLogBeforeAnyCommit()
    {
        var topic = kafka.NewTopic(partitions: 2);
        using (var producer = kafka.Clients().Producer())
        {
            for (var i = 0; i < 10; i++)
                await producer.ProduceAsync(new TopicPartition(topic, i < 7 ? 0 : 1), Message($"m{i}", $"l:{i}"));
        }
        var group = "lag-" + topic;
        Assert.Equal([(0, 7L), (1, 3L)], ConsumerLag.Read(kafka.Clients(), group, topic, TimeSpan.FromSeconds(10)).Select(l => (l.Partition, l.Lag)));

        using (var consumer = kafka.Clients().Consumer(group))
        {
            var at = new[] { new TopicPartitionOffset(topic, 0, 5), new TopicPartitionOffset(topic, 1, 3) };
            consumer.Assign(at);
            consumer.Commit(at);
            consumer.Close();
        }
        var lags = ConsumerLag.Read(kafka.Clients(), group, topic, TimeSpan.FromSeconds(10));
        Assert.Equal([(0, 2L, 5L), (1, 0L, 3L)], lags.Select(l => (l.Partition, l.Lag, l.CommittedOffset)));
    }

    private KafkaConsumerWorker Worker(ConsumerSettings settings, IMessageHandler handler) =>
        new(settings, handler, kafka.Clients(), _store.Inbox, TimeProvider.System, NullLogger.Instance);

    private async Task<KafkaConsumerWorker> RunUntilAsync(ConsumerSettings settings, IMessageHandler handler, Func<KafkaConsumerWorker, bool> done)
    {
        var worker = Worker(settings, handler);
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);
        await WaitAsync(() => done(worker) || running.IsCompleted, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await running;
        return worker;
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan within, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting" + (state is null ? "" : ": " + state()));
            await Task.Delay(50);
        }
    }

    private async Task ProduceAsync(string topic, IEnumerable<(string Value, string CorrelationId)> messages)
    {
        using var producer = kafka.Clients().Producer();
        await Task.WhenAll(messages.Select(m => producer.ProduceAsync(topic, Message(m.Value, m.CorrelationId))));
    }

    private static Message<string?, byte[]> Message(string value, string correlationId) => new()
    {
        Key = correlationId,
        Value = Encoding.UTF8.GetBytes(value),
        Headers = new Headers { { MessageHeaders.CorrelationId, Encoding.UTF8.GetBytes(correlationId) } },
    };
}
