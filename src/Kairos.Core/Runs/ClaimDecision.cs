using Kairos.Core.Jobs;
using Kairos.Core.Reasons;
using Kairos.Core.Time;

namespace Kairos.Core.Runs;

/// <summary>What a scheduler does with a run that has come due, or is about to.</summary>
public enum ClaimAction { Start, Skip, StartAndReplace, Wait }

public readonly record struct ClaimDecision(ClaimAction Action, SkipReason? Reason = null, Reason? Why = null)
{
    /// <summary>
    /// A held job skips its time-triggered slots and its message-triggered runs (an operator's manual run still starts); retries of a run that already
    /// started are never skipped. Under forbid or replace, a slot overlaps only a run that was already running at the
    /// slot's instant: a slot not yet due, or one whose earlier run started after it came due (catch-up after downtime),
    /// waits for the next claim instead. A backfill run always waits its turn: an operator asked for every date in the
    /// range, one after another. So does a message's run (every message gets its run, one after another under forbid),
    /// and an operator's trigger or rerun: it was accepted as queued, so it queues behind the running run rather than
    /// being skipped.
    /// </summary>
    /// <param name="firstRunningStart">When the job's oldest running (or claimed) run started or starts; null when none runs.</param>
    /// <param name="slotTime">
    /// The slot's instant, which overlap is judged at. It can be earlier than <paramref name="dueAt"/>: a slot planned
    /// only after it came due (a node just started) is due when planned.
    /// </param>
    public static ClaimDecision Decide(TriggerKind trigger, int attemptsSoFar, bool held, OverlapPolicy overlap, int runningNow,
        DateTimeOffset dueAt, DateTimeOffset now, DateTimeOffset? firstRunningStart, DateTimeOffset? slotTime = null)
    {
        if (attemptsSoFar > 0) return new(ClaimAction.Start);
        if (held && trigger is TriggerKind.Time or TriggerKind.Dependency) return new(ClaimAction.Skip, SkipReason.Held, Reasons.Reason.Of(ReasonCodes.HeldAtSlot));
        if (held && trigger == TriggerKind.Event) return new(ClaimAction.Skip, SkipReason.Held, Reasons.Reason.Of(ReasonCodes.HeldAtMessage));
        if (runningNow == 0 || overlap == OverlapPolicy.Allow) return new(ClaimAction.Start);
        if (trigger is not TriggerKind.Time) return new(ClaimAction.Wait);
        if (dueAt > now || firstRunningStart > (slotTime ?? dueAt)) return new(ClaimAction.Wait);
        return overlap == OverlapPolicy.Replace
            ? new(ClaimAction.StartAndReplace)
            : new(ClaimAction.Skip, SkipReason.Overlap, Reasons.Reason.Of(ReasonCodes.Overlapped, $"{runningNow}"));
    }

    /// <summary>
    /// The misfire policy, applied when a slot's run is claimed late: a slot planned before a stop, or one whose node
    /// died before starting it, is judged like a slot first planned late. Only a time slot's first attempt is judged;
    /// an operator's run, a message's run and a retry run whenever they can.
    /// </summary>
    /// <param name="laterSlotDue">Whether a later slot of the same job is also due now (run-once keeps only the latest).</param>
    /// <returns>A skip with reason missed, or null when the slot still runs.</returns>
    public static ClaimDecision? Misfire(TriggerKind trigger, int attemptsSoFar, DateTimeOffset? slotTime, MisfirePolicy policy,
        TimeSpan threshold, bool laterSlotDue, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (trigger != TriggerKind.Time || attemptsSoFar > 0 || slotTime is not { } slot || now - slot <= threshold) return null;
        var late = (now - slot).TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        if (slot < SaturatingTime.Subtract(now, policy.CatchupWindow))
            return new(ClaimAction.Skip, SkipReason.Missed, Reasons.Reason.Of(ReasonCodes.LateBeyondCatchup, late, policy.CatchupWindow.ToString()));
        return policy.Mode switch
        {
            MisfireMode.Skip => new(ClaimAction.Skip, SkipReason.Missed, Reasons.Reason.Of(ReasonCodes.LateSkipped, late)),
            MisfireMode.RunOnce when laterSlotDue => new(ClaimAction.Skip, SkipReason.Missed, Reasons.Reason.Of(ReasonCodes.LateNotLatest, late)),
            _ => null,
        };
    }
}
