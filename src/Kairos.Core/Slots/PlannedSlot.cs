using Kairos.Core.Runs;

namespace Kairos.Core.Slots;

/// <summary>A slot the planner found: it runs for <paramref name="BusinessDate"/>, or is skipped and says why.</summary>
public sealed record PlannedSlot(SlotKey Key, DateOnly BusinessDate, SkipReason? Skip = null, string? Detail = null)
{
    public bool Runs => Skip is null;
}
