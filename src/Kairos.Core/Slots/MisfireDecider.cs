using Kairos.Core.Jobs;
using Kairos.Core.Reasons;
using Kairos.Core.Runs;
using Kairos.Core.Time;

namespace Kairos.Core.Slots;

/// <summary>Decides which slots that came due while nothing was scheduling still run.</summary>
public static class MisfireDecider
{
    /// <summary>
    /// Applies <paramref name="policy"/> to <paramref name="missed"/> (in time order). Slots that were already
    /// skipped keep their reason; the others either run or become skipped with reason missed.
    /// </summary>
    public static IReadOnlyList<PlannedSlot> Decide(MisfirePolicy policy, IReadOnlyList<PlannedSlot> missed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(missed);
        var horizon = SaturatingTime.Subtract(now, policy.CatchupWindow);
        var latestRunnable = policy.Mode == MisfireMode.RunOnce
            ? missed.LastOrDefault(s => s.Runs && s.Key.SlotTime >= horizon)
            : null;
        var decided = new List<PlannedSlot>(missed.Count);
        foreach (var slot in missed)
        {
            if (!slot.Runs) { decided.Add(slot); continue; }
            var keep = policy.Mode switch
            {
                MisfireMode.RunAll => slot.Key.SlotTime >= horizon,
                MisfireMode.RunOnce => ReferenceEquals(slot, latestRunnable),
                _ => false,
            };
            decided.Add(keep ? slot : slot with { Skip = SkipReason.Missed, Why = Missed(policy, slot, horizon) });
        }
        return decided;
    }

    private static Reason Missed(MisfirePolicy policy, PlannedSlot slot, DateTimeOffset horizon) =>
        slot.Key.SlotTime < horizon
            ? Reason.Of(ReasonCodes.MissedBeyondCatchup, policy.CatchupWindow.ToString())
            : Reason.Of(ReasonCodes.MissedNotLatest, policy.Mode.ToString());
}
