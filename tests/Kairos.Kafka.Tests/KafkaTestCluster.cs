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

    public KafkaClients Clients(KafkaOptions? options = null) => new(options ?? new KafkaOptions(), BootstrapServers);

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
