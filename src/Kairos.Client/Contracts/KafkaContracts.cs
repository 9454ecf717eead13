namespace Kairos.Client.Contracts;

/// <summary>The server's Kafka connection and the pace of each configured partner.</summary>
/// <param name="BootstrapServers">The brokers clients should use.</param>
/// <param name="Embedded">True when these are the embedded, in-memory mock cluster's (not durable).</param>
/// <param name="Partners">Each named destination's pace and what it has in flight now.</param>
public sealed record KafkaStatusDto(string BootstrapServers, bool Embedded, IReadOnlyList<PartnerDto> Partners);

/// <summary>One named destination's pace.</summary>
/// <param name="Name">The partner's name, as jobs give it.</param>
/// <param name="Rate">Most messages in any one second.</param>
/// <param name="MaxInFlight">Most messages sent and not yet acknowledged.</param>
/// <param name="InFlight">Messages sent and not yet acknowledged now.</param>
public sealed record PartnerDto(string Name, int Rate, int MaxInFlight, int InFlight);
