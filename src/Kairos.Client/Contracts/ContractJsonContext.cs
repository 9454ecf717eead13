using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kairos.Client.Contracts;

/// <summary>
/// Compile-time JSON metadata for every request and answer of the Kairos API, in the API's web conventions
/// (camelCase, case-insensitive reading). Serializing without reflection is what lets a trimmed or NativeAOT program,
/// such as the <c>kairos</c> command line, speak the contract.
/// </summary>
/// <example><c>JsonSerializer.Deserialize(json, ContractJsonContext.Default.JobDto)</c></example>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(TokenCreatedDto))]
[JsonSerializable(typeof(List<TokenDto>))]
[JsonSerializable(typeof(MeDto))]
[JsonSerializable(typeof(List<UserDto>))]
[JsonSerializable(typeof(NewUserRequest))]
[JsonSerializable(typeof(UserChangeRequest))]
[JsonSerializable(typeof(PasswordChangeRequest))]
[JsonSerializable(typeof(JobDefinition))]
[JsonSerializable(typeof(List<JobDto>))]
[JsonSerializable(typeof(ExplainDto))]
[JsonSerializable(typeof(ActionRequest))]
[JsonSerializable(typeof(ConditionDto))]
[JsonSerializable(typeof(DateGridDto))]
[JsonSerializable(typeof(List<FlowDto>))]
[JsonSerializable(typeof(FlowRunDto))]
[JsonSerializable(typeof(FlowRerunRequest))]
[JsonSerializable(typeof(FlowRerunDto))]
[JsonSerializable(typeof(DependencyDto))]
[JsonSerializable(typeof(List<ConditionDto>))]
[JsonSerializable(typeof(TriggerRequest))]
[JsonSerializable(typeof(ValidationResultDto))]
[JsonSerializable(typeof(RunCreatedDto))]
[JsonSerializable(typeof(List<RunDto>))]
[JsonSerializable(typeof(List<RunEventDto>))]
[JsonSerializable(typeof(List<LogLineDto>))]
[JsonSerializable(typeof(TriggerMessageDto))]
[JsonSerializable(typeof(List<ConsumerDto>))]
[JsonSerializable(typeof(List<LatestValueDto>))]
[JsonSerializable(typeof(KafkaStatusDto))]
[JsonSerializable(typeof(BackfillRequest))]
[JsonSerializable(typeof(BackfillDto))]
[JsonSerializable(typeof(List<ApprovalDto>))]
[JsonSerializable(typeof(List<AlertDto>))]
[JsonSerializable(typeof(List<JobVersionDto>))]
[JsonSerializable(typeof(JobVersionDetailDto))]
public sealed partial class ContractJsonContext : JsonSerializerContext;
