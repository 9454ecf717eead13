namespace Kairos.Core.Ports;

/// <summary>How an attempt ended, from the action's point of view.</summary>
public sealed record ActionOutcome(bool Succeeded, string Detail, int? ExitCode = null, int? HttpStatus = null);
