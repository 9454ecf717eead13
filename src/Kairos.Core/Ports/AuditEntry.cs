namespace Kairos.Core.Ports;

/// <summary>
/// Who did what to which target, when, why, and from where (<see cref="Source"/>: the caller's address and channel);
/// <see cref="Before"/> and <see cref="After"/> hold the target's state around the change where it has one.
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Target, string? Reason = null, string? Detail = null, long Id = 0,
    string? Source = null, string? Before = null, string? After = null);
