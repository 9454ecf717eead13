namespace Kairos.Core.Scaling;

/// <summary>
/// Desired replicas for a consumer, computed the way KEDA's Kafka scaler and the HPA behind it do:
/// <list type="bullet">
/// <item>total lag is the sum over partitions; unless idle consumers are allowed it is capped at partitions ×
/// lagThreshold (at partitions with lag × lagThreshold with <c>limitToPartitionsWithLag</c>), so replicas never
/// exceed the partitions that could give them work;</item>
/// <item>active when total lag exceeds <c>activationLagThreshold</c>: replicas = ceil(total / lagThreshold), between
/// max(min, 1) and max;</item>
/// <item>idle: one replica until <c>cooldown</c> has passed since it was last active, then <c>minReplicas</c> (zero scales to zero);</item>
/// </list>
/// then raised to the business-hours floor when one applies. Pure: the caller gives the lags, the time, when it was
/// last active and whether the floor's window is on.
/// </summary>
public static class ScalingRule
{
    public static ScalingDecision Decide(ScalingPolicy policy, IReadOnlyList<PartitionLag> lags, DateTimeOffset now, DateTimeOffset? lastActive, bool floorWindowOpen)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(lags);
        var rawTotal = lags.Sum(l => Math.Max(0, l.Lag));
        var partitions = policy.LimitToPartitionsWithLag ? lags.Count(l => l.Lag > 0) : lags.Count;
        var total = policy.AllowIdleConsumers && !policy.LimitToPartitionsWithLag ? rawTotal : Math.Min(rawTotal, partitions * policy.LagThreshold);
        var active = rawTotal > policy.ActivationLagThreshold;
        int replicas;
        string reason;
        if (active)
        {
            var wanted = (int)Math.Min(int.MaxValue, (total + policy.LagThreshold - 1) / policy.LagThreshold);
            var floorOfActive = Math.Max(policy.MinReplicas, 1);
            replicas = Math.Clamp(wanted, floorOfActive, Math.Max(policy.MaxReplicas, floorOfActive));
            reason = $"lag {rawTotal} over {lags.Count} partition(s)" + (total != rawTotal ? $" (counted {total}: {partitions} partition(s) × {policy.LagThreshold})" : "") +
                $" / threshold {policy.LagThreshold} = {wanted}" + (replicas != wanted ? $", held to {replicas} (min {policy.MinReplicas}, max {policy.MaxReplicas})" : "");
        }
        else if (lastActive is { } last && now - last < policy.Cooldown && policy.MinReplicas == 0)
        {
            replicas = 1;
            reason = $"idle (lag {rawTotal} ≤ activation {policy.ActivationLagThreshold}); cooling down until {last + policy.Cooldown:HH:mm:ss}";
        }
        else
        {
            replicas = policy.MinReplicas;
            reason = $"idle (lag {rawTotal} ≤ activation {policy.ActivationLagThreshold}): min {policy.MinReplicas}";
        }
        if (floorWindowOpen && policy.Floor is { } floor && replicas < floor.Replicas)
        {
            replicas = Math.Min(floor.Replicas, policy.MaxReplicas);
            reason += $"; raised to {replicas}: business hours on {floor.Calendar} ({floor.From:HH\\:mm}-{floor.To:HH\\:mm})";
        }
        return new ScalingDecision(replicas, rawTotal, active, reason);
    }

    /// <summary>Whether the floor's window is open at <paramref name="localNow"/>, given whether that day is a business day.</summary>
    public static bool FloorOpen(BusinessHoursFloor floor, DateTime localNow, Func<DateOnly, bool> isBusinessDay)
    {
        ArgumentNullException.ThrowIfNull(floor);
        ArgumentNullException.ThrowIfNull(isBusinessDay);
        var time = TimeOnly.FromDateTime(localNow);
        return time >= floor.From && time < floor.To && isBusinessDay(DateOnly.FromDateTime(localNow));
    }
}
