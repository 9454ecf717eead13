namespace Kairos.Core.Jobs;

/// <summary>One entry of a job's <c>after</c> as written: an upstream job or an external condition, with its options as text.</summary>
public sealed record AfterSpec(string? Job = null, string? Condition = null, string? State = null, string? BusinessDate = null, string? IfClosed = null);

/// <summary>The flow a job is a step of, as its flow file wrote it into the step.</summary>
public sealed record FlowPartSpec(string? Name, string? Description = null, string? OnFailure = null, string? FinishBy = null, int? Order = null);
