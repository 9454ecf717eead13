namespace Kairos.Scheduling;

/// <summary>Why an attempt was stopped before it finished by itself.</summary>
internal enum StopReason { None, Timeout, Killed, Replaced, Shutdown }
