using Kairos.Core.Jobs;

namespace Kairos.Core.Runs;

/// <summary>What a scheduler does with a run that has come due.</summary>
public enum ClaimAction { Start, Skip, StartAndReplace }

public readonly record struct ClaimDecision(ClaimAction Action, SkipReason? Reason = null, string? Detail = null)
{
    /// <summary>
    /// A held job skips its time-triggered slots (an operator's manual run still starts); an overlapping slot follows
    /// the job's overlap policy. Retries of a run that already started are never skipped.
    /// </summary>
    public static ClaimDecision Decide(TriggerKind trigger, int attemptsSoFar, bool held, OverlapPolicy overlap, int runningNow)
    {
        if (attemptsSoFar > 0) return new(ClaimAction.Start);
        if (held && trigger == TriggerKind.Time) return new(ClaimAction.Skip, SkipReason.Held, "the job was held when the slot came due");
        if (runningNow == 0) return new(ClaimAction.Start);
        return overlap switch
        {
            OverlapPolicy.Allow => new(ClaimAction.Start),
            OverlapPolicy.Replace => new(ClaimAction.StartAndReplace),
            _ => new(ClaimAction.Skip, SkipReason.Overlap, $"{runningNow} earlier run(s) still running; overlap policy is forbid"),
        };
    }
}
