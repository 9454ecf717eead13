namespace Kairos.Core.Jobs;

/// <summary>
/// What an operator expects of a job's runs, for alerts: start within <paramref name="StartWithin"/> of the slot, finish
/// by <paramref name="FinishBy"/> (local time in the job's zone, on the day the run was due), and take no longer than
/// <paramref name="MaxDuration"/>. Each part is optional; none of them stops a run (the timeout does that).
/// </summary>
public sealed record Sla(TimeSpan? StartWithin = null, TimeOnly? FinishBy = null, TimeSpan? MaxDuration = null);
