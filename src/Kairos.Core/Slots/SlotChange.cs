namespace Kairos.Core.Slots;

/// <summary>A slot that a calendar change makes disappear, or makes appear (a moved slot is one of each).</summary>
public sealed record SlotChange(string JobId, DateTimeOffset SlotTime, DateOnly BusinessDate, bool Appears, string? Detail);
