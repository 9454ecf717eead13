using Kairos.Core.Reasons;
using Kairos.Core.Runs;

namespace Kairos.Core.Slots;

/// <summary>
/// A slot the planner found: it runs for <paramref name="BusinessDate"/>, or is skipped and says why. A slot that
/// runs can say why too: one moved onto this day from a closed day.
/// </summary>
public sealed record PlannedSlot(SlotKey Key, DateOnly BusinessDate, SkipReason? Skip = null, Reason? Why = null)
{
    public bool Runs => Skip is null;
}
