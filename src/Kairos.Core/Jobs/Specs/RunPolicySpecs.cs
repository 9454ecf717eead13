namespace Kairos.Core.Jobs;

/// <summary>Retries as written.</summary>
public sealed record RetrySpec(int? Count = null, string? Backoff = null, string? MaxBackoff = null);

/// <summary>Misfire handling as written.</summary>
public sealed record MisfireSpec(string? Policy = null, string? CatchupWindow = null);

/// <summary>SLA expectations as written.</summary>
public sealed record SlaSpec(string? StartWithin = null, string? FinishBy = null, string? MaxDuration = null);
