namespace Kairos.Kafka.Clients;

/// <summary>
/// <c>Kairos:Kafka</c> in appsettings or the environment (<c>Kairos__Kafka__BootstrapServers</c>). With no bootstrap
/// servers, the server starts the embedded mock cluster instead.
/// </summary>
public sealed class KafkaOptions
{
    public const string Section = "Kairos:Kafka";

    /// <summary>Brokers, comma-separated (<c>kafka-1:9092,kafka-2:9092</c>); empty means the embedded mock cluster.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>
    /// Any librdkafka client property, applied to every producer, consumer and admin client: <c>security.protocol</c>,
    /// <c>ssl.ca.location</c>, <c>sasl.mechanism</c>, <c>sasl.username</c>, <c>client.id</c> and the rest.
    /// </summary>
    public Dictionary<string, string> Client { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Named destinations and their pace, shared by every job that publishes to them.</summary>
    public Dictionary<string, PartnerOptions> Partners { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Brokers in the embedded mock cluster.</summary>
    public int EmbeddedBrokers { get; set; } = 1;

    /// <summary>Topics the embedded cluster creates at start, <c>name</c> or <c>name:partitions</c>.</summary>
    public List<string> EmbeddedTopics { get; set; } = [];

    /// <summary>How long a message may wait for delivery before it counts as failed.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsEmbedded => string.IsNullOrWhiteSpace(BootstrapServers);

    /// <summary>Problems with the settings, each naming its key; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, partner) in Partners)
        {
            if (partner.Rate < 1) problems.Add($"{Section}:Partners:{name}:Rate must be at least 1 message per second (it is {partner.Rate})");
            if (partner.MaxInFlight < 1) problems.Add($"{Section}:Partners:{name}:MaxInFlight must be at least 1 (it is {partner.MaxInFlight})");
            if (partner.PaceMargin < TimeSpan.Zero || partner.PaceMargin > TimeSpan.FromSeconds(1))
                problems.Add($"{Section}:Partners:{name}:PaceMargin must be 00:00:00 to 00:00:01 (it is {partner.PaceMargin})");
        }
        if (EmbeddedBrokers is < 1 or > 9) problems.Add($"{Section}:EmbeddedBrokers must be 1-9 (it is {EmbeddedBrokers})");
        if (DeliveryTimeout <= TimeSpan.Zero) problems.Add($"{Section}:DeliveryTimeout must be above zero");
        foreach (var topic in EmbeddedTopics.Where(t => ParseEmbeddedTopic(t) is null))
            problems.Add($"{Section}:EmbeddedTopics has '{topic}'; write name or name:partitions");
        return problems;
    }

    /// <summary>An <see cref="EmbeddedTopics"/> entry, <c>name</c> (one partition) or <c>name:partitions</c>; null when malformed.</summary>
    public static (string Name, int Partitions)? ParseEmbeddedTopic(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parts = entry.Split(':');
        if (parts.Length > 2 || parts[0].Length == 0) return null;
        if (parts.Length == 1) return (parts[0], 1);
        return int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 ? (parts[0], n) : null;
    }
}

/// <summary>The pace one destination can take.</summary>
public sealed class PartnerOptions
{
    /// <summary>Most messages in any one second.</summary>
    public int Rate { get; set; } = 10;

    /// <summary>Most messages sent and not yet acknowledged by Kafka.</summary>
    public int MaxInFlight { get; set; } = 10;

    /// <summary>
    /// Messages leave evenly, one every (1 s + margin) / rate: a receiver sees at most the rate in any second as long as
    /// the way to it delays messages by up to this much more than one another. At most one second.
    /// </summary>
    public TimeSpan PaceMargin { get; set; } = TimeSpan.FromMilliseconds(50);
}
