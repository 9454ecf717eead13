using Kairos.Core.Scaling;

namespace Kairos.Core.Tests.Scaling;

/// <summary>The rule against KEDA's Kafka scaler documentation, then the business-hours floor KEDA has no word for.</summary>
public sealed class ScalingRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private static PartitionLag[] Lags(params long[] lags) => lags.Select((l, i) => new PartitionLag(i, l)).ToArray();

    [Theory]
    // KEDA: the HPA target is lagThreshold per replica, so desired = ceil(total lag / lagThreshold).
    [InlineData(new long[] { 30, 30, 30, 30 }, 10, 0, 100, true, false, 12)]
    [InlineData(new long[] { 12, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 5, 0, 100, false, false, 3)]
    // KEDA: "the number of replicas will not exceed the number of partitions on a topic" unless allowIdleConsumers.
    [InlineData(new long[] { 400, 0, 0 }, 50, 0, 100, false, false, 3)]
    [InlineData(new long[] { 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 }, 10, 0, 100, false, false, 10)]
    [InlineData(new long[] { 400, 0, 0 }, 50, 0, 100, true, false, 8)]
    // KEDA: nor maxReplicaCount.
    [InlineData(new long[] { 400, 400, 400, 400 }, 10, 0, 3, true, false, 3)]
    // KEDA: with limitToPartitionsWithLag, not the number of partitions with non-zero lag.
    [InlineData(new long[] { 400, 0, 0, 7 }, 10, 0, 100, false, true, 2)]
    // Active but little lag: at least one replica, at least minReplicaCount.
    [InlineData(new long[] { 1, 0 }, 10, 2, 100, false, false, 2)]
    public void Active_ReplicasFollowLag_WithKedasCaps(long[] lags, long threshold, int min, int max, bool idle, bool limitToLag, int expected)
    {
        var policy = new ScalingPolicy { LagThreshold = threshold, MinReplicas = min, MaxReplicas = max, AllowIdleConsumers = idle, LimitToPartitionsWithLag = limitToLag };
        var decision = ScalingRule.Decide(policy, Lags(lags), Now, null, floorWindowOpen: false);
        Assert.True(decision.Active);
        Assert.Equal(expected, decision.Replicas);
        Assert.Equal(lags.Sum(), decision.TotalLag);
    }

    [Fact]
    public void Activation_LagAtOrBelowTheActivationThreshold_IsIdle_ScalesToZeroOnlyAfterTheCooldown()
    {
        // KEDA's example: lagThreshold 5, activationLagThreshold 3.
        var policy = new ScalingPolicy { LagThreshold = 5, ActivationLagThreshold = 3, Cooldown = TimeSpan.FromSeconds(300) };
        Assert.Equal((1, true), Pair(ScalingRule.Decide(policy, Lags(4), Now, null, false)));
        Assert.Equal((1, false), Pair(ScalingRule.Decide(policy, Lags(3), Now, lastActive: Now.AddSeconds(-299), false)));
        var idle = ScalingRule.Decide(policy, Lags(3), Now, lastActive: Now.AddSeconds(-300), false);
        Assert.Equal((0, false), Pair(idle));
        Assert.Equal("idle (lag 3 ≤ activation 3): min 0", idle.Reason);
        Assert.Equal((0, false), Pair(ScalingRule.Decide(policy, Lags(0, 0), Now, null, false)));
    }

    [Fact]
    public void Idle_WithAMinimum_StaysAtTheMinimum()
    {
        var policy = new ScalingPolicy { MinReplicas = 2 };
        Assert.Equal((2, false), Pair(ScalingRule.Decide(policy, Lags(0), Now, Now, false)));
    }

    [Fact]
    public void BusinessHoursFloor_RaisesIdleAndLightLoads_ButNotAboveMax_AndOnlyInItsWindow()
    {
        var floor = new BusinessHoursFloor("KRX", new TimeOnly(8, 50), new TimeOnly(15, 40), 2);
        var policy = new ScalingPolicy { LagThreshold = 10, MaxReplicas = 4, Floor = floor };
        var warm = ScalingRule.Decide(policy, Lags(0, 0), Now, null, floorWindowOpen: true);
        Assert.Equal(2, warm.Replicas);
        Assert.EndsWith("raised to 2: business hours on KRX (08:50-15:40)", warm.Reason, StringComparison.Ordinal);
        Assert.Equal(4, ScalingRule.Decide(policy, Lags(100, 100, 100, 100, 100), Now, null, true).Replicas);
        Assert.Equal(0, ScalingRule.Decide(policy, Lags(0, 0), Now, null, floorWindowOpen: false).Replicas);
        Assert.Equal(1, ScalingRule.Decide(policy with { MaxReplicas = 1 }, Lags(0), Now, null, true).Replicas);
    }

    [Theory]
    [InlineData("2026-11-23 08:49", true, false)]  // a Monday, a minute early
    [InlineData("2026-11-23 08:50", true, true)]
    [InlineData("2026-11-23 15:39", true, true)]
    [InlineData("2026-11-23 15:40", true, false)]
    [InlineData("2026-09-25 10:00", false, false)] // Chuseok: no floor at all
    public void FloorOpen_InsideTheWindow_OnBusinessDaysOnly(string local, bool businessDay, bool open)
    {
        var floor = new BusinessHoursFloor("KRX", new TimeOnly(8, 50), new TimeOnly(15, 40), 2);
        Assert.Equal(open, ScalingRule.FloorOpen(floor, DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), _ => businessDay));
    }

    [Fact]
    public void Problems_NameTheField()
    {
        Assert.Equal(["lagThreshold must be at least 1", "maxReplicas (1) must be at least 1 and at least minReplicas (2)"],
            new ScalingPolicy { LagThreshold = 0, MinReplicas = 2, MaxReplicas = 1 }.Problems());
        Assert.Empty(new ScalingPolicy().Problems());
    }

    private static (int, bool) Pair(ScalingDecision d) => (d.Replicas, d.Active);
}
