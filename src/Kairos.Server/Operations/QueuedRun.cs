namespace Kairos.Server.Operations;

/// <summary>A run an operation queued: by a trigger, a rerun.</summary>
internal sealed record QueuedRun(long RunId, string JobId, DateOnly? BusinessDate);
