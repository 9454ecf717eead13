namespace Kairos.Client.Contracts;

/// <summary>A configured consumer: what it reads and does, its lag, and its workers.</summary>
/// <param name="Name">The consumer's name under Kairos:Consumers; also its inbox.</param>
/// <param name="Topic">The topic it reads.</param>
/// <param name="Group">Its Kafka consumer group.</param>
/// <param name="Handler">relay or latest.</param>
/// <param name="Supervised">Whether this server's supervisor runs its workers (false when KEDA does).</param>
/// <param name="Workers">Worker processes running now.</param>
/// <param name="Pids">Their process ids.</param>
/// <param name="DesiredWorkers">What the scaling rule asked for at the last look.</param>
/// <param name="Reason">The rule's reason, in words.</param>
/// <param name="TotalLag">Messages not yet processed, over all partitions.</param>
/// <param name="Lags">Lag per partition.</param>
/// <param name="Processed">Messages its inbox has recorded as processed.</param>
/// <param name="Restarts">Workers that exited without being asked and were replaced.</param>
/// <param name="CheckedAt">When the supervisor last looked.</param>
/// <param name="Error">Why the last look failed, when it did.</param>
/// <param name="Scaling">The scaling rule's settings, as kairos keda prints them.</param>
public sealed record ConsumerDto(
    string Name, string Topic, string Group, string Handler, bool Supervised, int Workers, IReadOnlyList<int> Pids, int? DesiredWorkers, string? Reason,
    long? TotalLag, IReadOnlyList<PartitionLagDto> Lags, long Processed, int Restarts, DateTimeOffset? CheckedAt, string? Error, ScalingDto Scaling);

/// <summary>One partition's lag.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Lag">Its log end offset less the group's committed offset.</param>
public sealed record PartitionLagDto(int Partition, long Lag);

/// <summary>How a consumer scales, in KEDA's Kafka scaler's terms, plus the business-hours floor.</summary>
/// <param name="LagThreshold">Lag each worker is expected to handle.</param>
/// <param name="ActivationLagThreshold">At or below this total lag the consumer is idle.</param>
/// <param name="MinReplicas">Workers when idle (0 scales to zero).</param>
/// <param name="MaxReplicas">Most workers.</param>
/// <param name="AllowIdleConsumers">Whether there may be more workers than partitions.</param>
/// <param name="LimitToPartitionsWithLag">Never more workers than partitions with lag.</param>
/// <param name="CooldownSeconds">How long an idle consumer keeps one worker before going to MinReplicas.</param>
/// <param name="Floor">Workers kept warm in business hours, when configured.</param>
public sealed record ScalingDto(
    long LagThreshold, long ActivationLagThreshold, int MinReplicas, int MaxReplicas, bool AllowIdleConsumers, bool LimitToPartitionsWithLag, double CooldownSeconds, FloorDto? Floor);

/// <summary>At least Replicas workers from From to To (local time in TimeZone) on business days of Calendar.</summary>
/// <param name="Calendar">The calendar whose business days count.</param>
/// <param name="From">Start, HH:mm.</param>
/// <param name="To">End, HH:mm.</param>
/// <param name="Replicas">Workers kept warm.</param>
/// <param name="TimeZone">IANA zone of From and To.</param>
public sealed record FloorDto(string Calendar, string From, string To, int Replicas, string TimeZone);

/// <summary>One key's latest value as a latest-value consumer keeps it.</summary>
/// <param name="Key">The message key (a currency pair).</param>
/// <param name="Value">The latest message's value.</param>
/// <param name="BusinessDate">Its kairos-business-date header, when it had one.</param>
/// <param name="MessageId">The latest message's id (correlation id, or topic/partition/offset).</param>
/// <param name="Offset">Its offset.</param>
/// <param name="UpdatedAt">When it was processed.</param>
/// <param name="Updates">How many messages have updated this key.</param>
public sealed record LatestValueDto(string Key, string Value, string? BusinessDate, string MessageId, long Offset, DateTimeOffset UpdatedAt, long Updates);
