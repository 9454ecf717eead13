using Kairos.Core.Reasons;

namespace Kairos.Core.Slots;

/// <summary>
/// A slot that a calendar change makes disappear, or makes appear. A moved slot is one of each, and each half names
/// the other in <paramref name="MovedWith"/> (see <see cref="CalendarImpact"/> for when two slots make a move).
/// </summary>
public sealed record SlotChange(string JobId, DateTimeOffset SlotTime, DateOnly BusinessDate, bool Appears, Reason? Why, DateTimeOffset? MovedWith = null)
{
    public bool IsMove => MovedWith is not null;
}
