namespace Kairos.Core.Runs;

/// <summary>
/// What created a run: a schedule's slot, an operator (now, or for past business dates), a message, or the dependencies
/// of a job without a schedule (one run per business date once its upstream runs exist).
/// </summary>
public enum TriggerKind { Time, Manual, Event, Backfill, Dependency }
