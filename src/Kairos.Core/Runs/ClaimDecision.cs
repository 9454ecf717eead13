using Kairos.Core.Jobs;

namespace Kairos.Core.Runs;

/// <summary>What a scheduler does with a run that has come due, or is about to.</summary>
public enum ClaimAction { Start, Skip, StartAndReplace, Wait }

public readonly record struct ClaimDecision(ClaimAction Action, SkipReason? Reason = null, string? Detail = null)
{
    /// <summary>
    /// A held job skips its time-triggered slots and its message-triggered runs (an operator's manual run still starts); retries of a run that already
    /// started are never skipped. Under forbid or replace, a slot overlaps only a run that was already running at the
    /// slot's instant: a slot not yet due, or one whose earlier run started after it came due (catch-up after downtime),
    /// waits for the next claim instead. A backfill run always waits its turn: an operator asked for every date in the
    /// range, one after another. So does a message's run: every message gets its run, one after another under forbid.
    /// </summary>
    /// <param name="firstRunningStart">When the job's oldest running run started; null when none runs.</param>
    /// <param name="slotTime">
    /// The slot's instant, which overlap is judged at. It can be earlier than <paramref name="dueAt"/>: a slot planned
    /// only after it came due (a node just started) is due when planned.
    /// </param>
    public static ClaimDecision Decide(TriggerKind trigger, int attemptsSoFar, bool held, OverlapPolicy overlap, int runningNow,
        DateTimeOffset dueAt, DateTimeOffset now, DateTimeOffset? firstRunningStart, DateTimeOffset? slotTime = null)
    {
        if (attemptsSoFar > 0) return new(ClaimAction.Start);
        if (held && trigger == TriggerKind.Time) return new(ClaimAction.Skip, SkipReason.Held, "the job was held when the slot came due");
        if (held && trigger == TriggerKind.Event) return new(ClaimAction.Skip, SkipReason.Held, "the job was held when the message arrived");
        if (runningNow == 0 || overlap == OverlapPolicy.Allow) return new(ClaimAction.Start);
        if (trigger is TriggerKind.Backfill or TriggerKind.Event) return new(ClaimAction.Wait);
        if (dueAt > now || firstRunningStart > (slotTime ?? dueAt)) return new(ClaimAction.Wait);
        return overlap == OverlapPolicy.Replace
            ? new(ClaimAction.StartAndReplace)
            : new(ClaimAction.Skip, SkipReason.Overlap, $"{runningNow} earlier run(s) still running at the slot's time; overlap policy is forbid");
    }
}
