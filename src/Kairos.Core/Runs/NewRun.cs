namespace Kairos.Core.Runs;

/// <summary>A run to create: a slot's (unique per job and slot time), or a manual one (no slot).</summary>
public sealed record NewRun(
    string JobId,
    DateTimeOffset? SlotTime,
    TriggerKind Trigger,
    DateOnly? BusinessDate,
    DateTimeOffset DueAt,
    RunState State = RunState.Scheduled,
    SkipReason? SkipReason = null,
    string? Detail = null,
    string? RequestedBy = null,
    long? RerunOf = null);
