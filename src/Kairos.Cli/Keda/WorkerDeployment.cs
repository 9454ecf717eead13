namespace Kairos.Cli.Keda;

// The subset of a Kubernetes apps/v1 Deployment that kairos keda writes for a consumer's workers. Settable classes
// with parameterless constructors, because the compile-time YAML metadata (KedaYamlContext) only knows that shape.

internal sealed class WorkerDeployment
{
    public string ApiVersion { get; } = "apps/v1";
    public string Kind { get; } = "Deployment";
    public ObjectMeta Metadata { get; set; } = new();
    public DeploymentSpec Spec { get; set; } = new();
}

internal sealed class ObjectMeta
{
    public string? Name { get; set; }
    public string? Namespace { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

internal sealed class DeploymentSpec
{
    public int Replicas { get; set; }
    public LabelSelector Selector { get; set; } = new();
    public PodTemplate Template { get; set; } = new();
}

internal sealed class LabelSelector
{
    public Dictionary<string, string> MatchLabels { get; set; } = [];
}

internal sealed class PodTemplate
{
    public ObjectMeta Metadata { get; set; } = new();
    public PodSpec Spec { get; set; } = new();
}

internal sealed class PodSpec
{
    public int TerminationGracePeriodSeconds { get; set; }
    public List<Container> Containers { get; set; } = [];
    public List<Volume> Volumes { get; set; } = [];
}

internal sealed class Container
{
    public string Name { get; set; } = "";
    public string Image { get; set; } = "";
    public List<string> Command { get; set; } = [];
    public List<EnvVar> Env { get; set; } = [];
    public List<VolumeMount> VolumeMounts { get; set; } = [];
    public ResourceRequirements Resources { get; set; } = new();
}

internal sealed class EnvVar
{
    public string Name { get; set; } = "";
    public string? Value { get; set; }
    public EnvVarSource? ValueFrom { get; set; }
}

internal sealed class EnvVarSource
{
    public SecretKeySelector SecretKeyRef { get; set; } = new();
}

internal sealed class SecretKeySelector
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
}

internal sealed class VolumeMount
{
    public string Name { get; set; } = "";
    public string MountPath { get; set; } = "";
}

internal sealed class ResourceRequirements
{
    public Dictionary<string, string> Requests { get; set; } = [];
    public Dictionary<string, string> Limits { get; set; } = [];
}

internal sealed class Volume
{
    public string Name { get; set; } = "";
    public ConfigMapVolumeSource ConfigMap { get; set; } = new();
}

internal sealed class ConfigMapVolumeSource
{
    public string Name { get; set; } = "";
}
