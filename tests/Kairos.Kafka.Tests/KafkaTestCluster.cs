using System.Text;
using Confluent.Kafka;
using Kairos.Kafka.Clients;
using Kairos.Kafka.Native;

namespace Kairos.Kafka.Tests;

/// <summary>A real Kafka-protocol mock cluster on loopback for one test class, with helpers to read what arrived.</summary>
public sealed class KafkaTestCluster : IDisposable
{
    public KafkaTestCluster()
    {
        Cluster = MockCluster.Start(brokers: 3);
    }

    public MockCluster Cluster { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    public KafkaClients Clients(KafkaOptions? options = null) => new(options ?? GroupFriendly(), BootstrapServers);

    /// <summary>
    /// Client settings for groups on the mock cluster. Once a group is up, the mock waits the session timeout less 1 s
    /// before electing a leader on every later rebalance, whether or not all members have rejoined; and when a
    /// follower's SyncGroup reaches it after the leader's, it answers "invalid request" and the follower rejoins,
    /// which starts such a rebalance. With librdkafka's default 45 s session, one such race costs 44 s, two fail a
    /// test; a 10 s session makes it 9 s. A real broker answers a late follower and ends the join once all rejoin.
    /// </summary>
    public static KafkaOptions GroupFriendly() => new()
    {
        Client = { ["session.timeout.ms"] = "10000", ["heartbeat.interval.ms"] = "1000" },
    };

    /// <summary>A fresh topic name, created with <paramref name="partitions"/> partitions.</summary>
    public string NewTopic(int partitions = 1, string prefix = "t")
    {
        var topic = $"{prefix}-{Guid.NewGuid():N}"[..20];
        Cluster.CreateTopic(topic, partitions, replicationFactor: 3);
        return topic;
    }

    /// <summary>Reads every message of <paramref name="topic"/> until <paramref name="count"/> have arrived or the time is up.</summary>
    public List<ConsumeResult<string?, byte[]>> ReadAll(string topic, int count, TimeSpan? within = null)
    {
        // Assigned, not subscribed: reading everything needs no group join, which takes seconds on the mock cluster.
        int partitions;
        using (var admin = Clients().Admin()) partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions.Count;
        using var consumer = Clients().Consumer($"reader-{Guid.NewGuid():N}");
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var results = new List<ConsumeResult<string?, byte[]>>();
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (results.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false, Message: not null } r) results.Add(r);
        }
        consumer.Close();
        return results;
    }

    public static string Header(ConsumeResult<string?, byte[]> result, string name) =>
        result.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";

    public void Dispose() => Cluster.Dispose();
}
