using Kairos.Client.Contracts;

namespace Kairos.Cli.Tests.Keda;

internal static class Consumers
{
    public static ConsumerDto Named(string name, string topic, string group, FloorDto? floor = null) => new(
        name, topic, group, "fx-rates", Supervised: true, Workers: 0, Pids: [], DesiredWorkers: null, Reason: null,
        TotalLag: null, Lags: [], Processed: 0, Restarts: 0, CheckedAt: null, Error: null,
        new ScalingDto(LagThreshold: 100, ActivationLagThreshold: 5, MinReplicas: 0, MaxReplicas: 6,
            AllowIdleConsumers: false, LimitToPartitionsWithLag: true, CooldownSeconds: 300, floor));

    public static readonly FloorDto Floor = new("KR", "09:00", "15:30", 2, "Asia/Seoul");
}
