namespace Kairos.Core.Jobs;

/// <summary>What a run does, as written: exactly one member is set in a valid definition.</summary>
public sealed record ActionSpec(CommandSpec? Command = null, HttpSpec? Http = null, KafkaPublishSpec? KafkaPublish = null, bool? Noop = null,
    SetConditionSpec? SetCondition = null);

public sealed record SetConditionSpec(string? Name = null);

public sealed record CommandSpec(
    IReadOnlyList<string>? Argv = null,
    string? WorkingDirectory = null,
    IReadOnlyDictionary<string, string>? Env = null,
    bool? Shell = null,
    string? KillGrace = null);

public sealed record HttpSpec(
    string? Method = null,
    string? Url = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    string? Body = null,
    IReadOnlyList<int>? SuccessStatus = null);

public sealed record KafkaPublishSpec(
    string? Topic = null,
    string? Partner = null,
    string? Template = null,
    IReadOnlyList<string>? Over = null,
    IReadOnlyList<IReadOnlyDictionary<string, string>>? Items = null,
    CommandSpec? FromCommand = null,
    string? Key = null,
    IReadOnlyDictionary<string, string>? Headers = null);
