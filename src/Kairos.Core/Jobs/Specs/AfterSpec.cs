namespace Kairos.Core.Jobs;

/// <summary>One entry of a job's <c>after</c> as written: an upstream job or an external condition, with its options as text.</summary>
public sealed record AfterSpec(string? Job = null, string? Condition = null, string? State = null, string? BusinessDate = null, string? IfClosed = null);
