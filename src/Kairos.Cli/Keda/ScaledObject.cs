namespace Kairos.Cli.Keda;

// The subset of KEDA's ScaledObject (keda.sh/v1alpha1) that kairos keda writes. Scaler metadata is a map of strings
// in KEDA, so every metadata value is a string here too, numbers and booleans included. Settable classes, as in
// WorkerDeployment.cs, for the compile-time YAML metadata.

internal sealed class ScaledObject
{
    public string ApiVersion { get; } = "keda.sh/v1alpha1";
    public string Kind { get; } = "ScaledObject";
    public ObjectMeta Metadata { get; set; } = new();
    public ScaledObjectSpec Spec { get; set; } = new();
}

internal sealed class ScaledObjectSpec
{
    public ScaleTargetRef ScaleTargetRef { get; set; } = new();
    public int PollingInterval { get; set; } = 30;
    public long CooldownPeriod { get; set; }
    public int MinReplicaCount { get; set; }
    public int MaxReplicaCount { get; set; }
    public List<ScaleTrigger> Triggers { get; set; } = [];
}

internal sealed class ScaleTargetRef
{
    public string Name { get; set; } = "";
}

/// <summary>One trigger; <see cref="Metadata"/> is a <see cref="KafkaTriggerMetadata"/> or <see cref="CronTriggerMetadata"/>.</summary>
internal sealed class ScaleTrigger
{
    public string Type { get; set; } = "";
    public object Metadata { get; set; } = new();

    public static ScaleTrigger Kafka(KafkaTriggerMetadata metadata) => new() { Type = "kafka", Metadata = metadata };

    public static ScaleTrigger Cron(CronTriggerMetadata metadata) => new() { Type = "cron", Metadata = metadata };
}

internal sealed class KafkaTriggerMetadata
{
    public string BootstrapServers { get; set; } = "";
    public string ConsumerGroup { get; set; } = "";
    public string Topic { get; set; } = "";
    public string LagThreshold { get; set; } = "";
    public string ActivationLagThreshold { get; set; } = "";
    public string AllowIdleConsumers { get; set; } = "";
    public string LimitToPartitionsWithLag { get; set; } = "";
    public string OffsetResetPolicy { get; set; } = "";
}

internal sealed class CronTriggerMetadata
{
    public string Timezone { get; set; } = "";
    public string Start { get; set; } = "";
    public string End { get; set; } = "";
    public string DesiredReplicas { get; set; } = "";
}
