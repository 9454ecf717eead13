using Kairos.Client.Contracts;
using YamlDotNet.Serialization;

namespace Kairos.Definitions;

// The job file schema as compile-time YAML metadata: the deserializer needs no reflection over these types, so the
// trimmed native CLI and the server read job files the same way. Every type a job file can hold is listed.
[YamlStaticContext]
[YamlSerializable(typeof(JobDefinition))]
[YamlSerializable(typeof(ScheduleDefinition))]
[YamlSerializable(typeof(WindowDefinition))]
[YamlSerializable(typeof(BusinessDateDefinition))]
[YamlSerializable(typeof(TriggerDefinition))]
[YamlSerializable(typeof(ActionDefinition))]
[YamlSerializable(typeof(CommandDefinition))]
[YamlSerializable(typeof(HttpDefinition))]
[YamlSerializable(typeof(KafkaPublishDefinition))]
[YamlSerializable(typeof(SetConditionDefinition))]
[YamlSerializable(typeof(RetryDefinition))]
[YamlSerializable(typeof(MisfireDefinition))]
[YamlSerializable(typeof(SlaDefinition))]
[YamlSerializable(typeof(AfterDefinition))]
[YamlSerializable(typeof(FlowDefinition))]
[YamlSerializable(typeof(FlowPartDefinition))]
// Public only because the generated half of this class is public.
public sealed partial class JobYamlContext : StaticContext;
