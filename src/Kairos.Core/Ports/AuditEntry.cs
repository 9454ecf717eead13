namespace Kairos.Core.Ports;

/// <summary>Who did what to which target, when, and why.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Target, string? Reason = null, string? Detail = null, long Id = 0);
