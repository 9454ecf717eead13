using YamlDotNet.Serialization;

namespace Kairos.Cli.Keda;

// Compile-time YAML metadata for the manifests kairos keda writes, so the native CLI serializes them without
// reflection. Trigger metadata is typed object in ScaleTrigger; both kinds it can hold are listed.
[YamlStaticContext]
[YamlSerializable(typeof(WorkerDeployment))]
[YamlSerializable(typeof(ObjectMeta))]
[YamlSerializable(typeof(DeploymentSpec))]
[YamlSerializable(typeof(LabelSelector))]
[YamlSerializable(typeof(PodTemplate))]
[YamlSerializable(typeof(PodSpec))]
[YamlSerializable(typeof(Container))]
[YamlSerializable(typeof(EnvVar))]
[YamlSerializable(typeof(EnvVarSource))]
[YamlSerializable(typeof(SecretKeySelector))]
[YamlSerializable(typeof(VolumeMount))]
[YamlSerializable(typeof(ResourceRequirements))]
[YamlSerializable(typeof(Volume))]
[YamlSerializable(typeof(ConfigMapVolumeSource))]
[YamlSerializable(typeof(ScaledObject))]
[YamlSerializable(typeof(ScaledObjectSpec))]
[YamlSerializable(typeof(ScaleTargetRef))]
[YamlSerializable(typeof(ScaleTrigger))]
[YamlSerializable(typeof(KafkaTriggerMetadata))]
[YamlSerializable(typeof(CronTriggerMetadata))]
// Public only because the generated half of this class is public.
public sealed partial class KedaYamlContext : StaticContext;
