namespace Kairos.Core.Runs;

/// <summary>One stored state transition of a run.</summary>
public sealed record RunEvent(long RunId, DateTimeOffset At, RunState? From, RunState To, int Attempt, string? Detail);
