namespace Kairos.Core.Runs;

/// <summary>A run as the store holds it.</summary>
public sealed record Run(
    long Id,
    string JobId,
    DateTimeOffset? SlotTime,
    TriggerKind Trigger,
    DateOnly? BusinessDate,
    RunState State,
    int Attempt,
    DateTimeOffset DueAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    SkipReason? SkipReason = null,
    string? Detail = null,
    int? ExitCode = null,
    int? HttpStatus = null,
    string? Node = null,
    DateTimeOffset? LeaseUntil = null,
    long? RerunOf = null,
    string? RequestedBy = null,
    bool KillRequested = false);
