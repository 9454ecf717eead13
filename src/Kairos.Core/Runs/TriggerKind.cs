namespace Kairos.Core.Runs;

/// <summary>What created a run: a schedule's slot, an operator (now, or for past business dates), or a message.</summary>
public enum TriggerKind { Time, Manual, Event, Backfill }
