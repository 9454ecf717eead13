using Kairos.Core.Jobs;
using Kairos.Core.Runs;

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
        var horizon = now - policy.CatchupWindow;
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
            decided.Add(keep ? slot : slot with { Skip = SkipReason.Missed, Detail = MissedDetail(policy, slot, horizon) });
        }
        return decided;
    }

    private static string MissedDetail(MisfirePolicy policy, PlannedSlot slot, DateTimeOffset horizon) =>
        slot.Key.SlotTime < horizon
            ? $"missed while no scheduler was running; older than the catch-up window ({policy.CatchupWindow})"
            : $"missed while no scheduler was running; misfire policy {policy.Mode} runs only the latest";
}
