using Confluent.Kafka;
using Kairos.Kafka.Native;

namespace Kairos.Kafka.Clients;

/// <summary>Makes Kafka clients from one set of settings, so every client shares the brokers and security settings.</summary>
public sealed class KafkaClients
{
    private readonly KafkaOptions _options;

    public KafkaClients(KafkaOptions options, string bootstrapServers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        _options = options;
        BootstrapServers = bootstrapServers;
        KafkaNative.EnsureLoaded();
    }

    public string BootstrapServers { get; }

    public KafkaOptions Options => _options;

    /// <summary>An idempotent producer (acks from all replicas, no duplicates or reordering on retry).</summary>
    public IProducer<string?, byte[]> Producer(string clientId = "kairos")
    {
        var config = new ProducerConfig(Base(clientId))
        {
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 2,
            MessageTimeoutMs = (int)_options.DeliveryTimeout.TotalMilliseconds,
        };
        return new ProducerBuilder<string?, byte[]>(config).SetLogHandler((_, _) => { }).Build();
    }

    /// <summary>A group member that commits offsets only when told, after processing.</summary>
    public IConsumer<string?, byte[]> Consumer(string groupId, string clientId = "kairos", Action<ConsumerBuilder<string?, byte[]>>? configure = null)
    {
        var config = new ConsumerConfig(Base(clientId))
        {
            GroupId = groupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        };
        var builder = new ConsumerBuilder<string?, byte[]>(config).SetLogHandler((_, _) => { });
        configure?.Invoke(builder);
        return builder.Build();
    }

    public IAdminClient Admin(string clientId = "kairos") =>
        new AdminClientBuilder(new AdminClientConfig(Base(clientId))).SetLogHandler((_, _) => { }).Build();

    private Dictionary<string, string> Base(string clientId)
    {
        var config = new Dictionary<string, string>(_options.Client, StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = BootstrapServers,
        };
        config.TryAdd("client.id", clientId);
        return config;
    }
}
