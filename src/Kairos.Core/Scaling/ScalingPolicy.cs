namespace Kairos.Core.Scaling;

/// <summary>
/// How a consumer scales with its lag, in KEDA's Kafka scaler's terms (same names, same defaults), plus a
/// business-day floor KEDA cannot express.
/// </summary>
public sealed record ScalingPolicy
{
    /// <summary>Lag each replica is expected to handle: desired = ceil(total lag / this). KEDA's default 10.</summary>
    public long LagThreshold { get; init; } = 10;

    /// <summary>At or below this total lag the consumer is idle and may go to <see cref="MinReplicas"/>. KEDA's default 0.</summary>
    public long ActivationLagThreshold { get; init; }

    public int MinReplicas { get; init; }

    public int MaxReplicas { get; init; } = 100;

    /// <summary>Allow more replicas than partitions (the extra ones idle). KEDA's default false.</summary>
    public bool AllowIdleConsumers { get; init; }

    /// <summary>Never more replicas than partitions that have lag. KEDA's default false.</summary>
    public bool LimitToPartitionsWithLag { get; init; }

    /// <summary>How long an idle consumer keeps one replica before going to <see cref="MinReplicas"/>. KEDA's default 300 s.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Replicas kept warm regardless of lag, such as 2 from 08:50 to 15:40 on KRX business days.</summary>
    public BusinessHoursFloor? Floor { get; init; }

    /// <summary>Problems, each naming its field; empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (LagThreshold < 1) problems.Add("lagThreshold must be at least 1");
        if (ActivationLagThreshold < 0) problems.Add("activationLagThreshold must not be negative");
        if (MinReplicas < 0) problems.Add("minReplicas must not be negative");
        if (MaxReplicas < Math.Max(1, MinReplicas)) problems.Add($"maxReplicas ({MaxReplicas}) must be at least 1 and at least minReplicas ({MinReplicas})");
        if (Cooldown < TimeSpan.Zero) problems.Add("cooldown must not be negative");
        if (Floor is { } f && (f.Replicas < 1 || f.From >= f.To)) problems.Add("floor needs replicas of at least 1 and from before to");
        return problems;
    }
}

/// <summary>At least <paramref name="Replicas"/> from <paramref name="From"/> to <paramref name="To"/> (local time) on business days of <paramref name="Calendar"/>.</summary>
public sealed record BusinessHoursFloor(string Calendar, TimeOnly From, TimeOnly To, int Replicas, string TimeZone = "Asia/Seoul");

/// <summary>One partition's lag: the log end offset less the group's committed offset.</summary>
public sealed record PartitionLag(int Partition, long Lag, long CommittedOffset = -1);

/// <summary>What the rule decided and why, in words an operator reads.</summary>
public sealed record ScalingDecision(int Replicas, long TotalLag, bool Active, string Reason);
