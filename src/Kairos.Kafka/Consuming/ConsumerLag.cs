using Confluent.Kafka;
using Kairos.Core.Scaling;
using Kairos.Kafka.Clients;

namespace Kairos.Kafka.Consuming;

/// <summary>Reads a consumer group's lag per partition: the log end offset less the group's committed offset.</summary>
public static class ConsumerLag
{
    /// <summary>
    /// One entry per partition of <paramref name="topic"/>. A partition the group never committed counts its whole
    /// log as lag (the group starts from the earliest offset).
    /// </summary>
    public static IReadOnlyList<PartitionLag> Read(KafkaClients clients, string group, string topic, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(clients);
        int partitions;
        using (var admin = clients.Admin("kairos-lag"))
        {
            var metadata = admin.GetMetadata(topic, timeout).Topics.Single();
            if (metadata.Error.IsError) throw new KafkaException(metadata.Error);
            partitions = metadata.Partitions.Count;
        }
        // A consumer that never subscribes does not join the group; it only reads the group's committed offsets.
        using var reader = clients.Consumer(group, "kairos-lag");
        var all = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
        var committed = reader.Committed(all, timeout).ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
        return all.Select(tp =>
        {
            var marks = reader.QueryWatermarkOffsets(tp, timeout);
            var at = committed.GetValueOrDefault(tp.Partition.Value, -1);
            var from = at >= 0 ? at : marks.Low.Value;
            return new PartitionLag(tp.Partition.Value, Math.Max(0, marks.High.Value - from), at);
        }).ToList();
    }
}
