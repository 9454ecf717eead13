using Kairos.Kafka.Clients;
using Kairos.Kafka.Native;

namespace Kairos.Server.Kafka;

/// <summary>
/// Where this server's Kafka is: the configured brokers, or the embedded mock cluster started here when none are
/// configured. The embedded one is in memory: a restart loses every message, so the server says so loudly.
/// </summary>
public sealed class KafkaConnection : IDisposable
{
    private readonly MockCluster? _embedded;

    public KafkaConnection(KafkaOptions options, ILogger<KafkaConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsEmbedded)
        {
            _embedded = MockCluster.Start(options.EmbeddedBrokers);
            // Problems() has already refused a malformed entry, so each parses here.
            foreach (var (name, partitions) in options.EmbeddedTopics.Select(t => KafkaOptions.ParseEmbeddedTopic(t)!.Value))
                _embedded.CreateTopic(name, partitions, options.EmbeddedBrokers);
            BootstrapServers = _embedded.BootstrapServers;
            logger.LogWarning(
                "EMBEDDED KAFKA: no Kairos:Kafka:BootstrapServers is configured, so Kairos started librdkafka's in-memory mock cluster at {Bootstrap}. " +
                "It is NOT durable: every message is lost when this server stops. Use it to try Kairos and for tests; point Kairos:Kafka:BootstrapServers at a real cluster for anything else.",
                BootstrapServers);
        }
        else
        {
            BootstrapServers = options.BootstrapServers!;
        }
        Clients = new KafkaClients(options, BootstrapServers);
    }

    public string BootstrapServers { get; }

    public bool IsEmbedded => _embedded is not null;

    public KafkaClients Clients { get; }

    /// <summary>The embedded cluster, for fault injection in tests; null against a real cluster.</summary>
    public MockCluster? Embedded => _embedded;

    public void Dispose() => _embedded?.Dispose();
}
