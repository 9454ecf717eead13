using System.Text;
using Confluent.Kafka;

namespace Kairos.Kafka.Tests;

public sealed class MockClusterTests(KafkaTestCluster kafka) : IClassFixture<KafkaTestCluster>
{
    [Fact]
    public async Task MockCluster_SpeaksKafkaOverTcp_ProduceAndConsumeInAGroup()
    {
        Assert.Matches(@"^(127\.0\.0\.1|localhost):\d+(,(127\.0\.0\.1|localhost):\d+){2}$", kafka.BootstrapServers);
        var topic = kafka.NewTopic(partitions: 4);
        using (var producer = kafka.Clients().Producer())
        {
            for (var i = 0; i < 20; i++)
                await producer.ProduceAsync(topic, new Message<string?, byte[]> { Key = $"k{i % 5}", Value = Encoding.UTF8.GetBytes($"v{i}") });
        }
        var read = kafka.ReadAll(topic, 20);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"v{i}").Order(), read.Select(r => Encoding.UTF8.GetString(r.Message.Value)).Order());
        // Same key, same partition: the order a consumer sees per key is the order it was sent.
        Assert.All(read.GroupBy(r => r.Message.Key), g => Assert.Single(g.Select(r => r.Partition.Value).Distinct()));
        Assert.True(read.Select(r => r.Partition.Value).Distinct().Count() > 1);
    }
}
