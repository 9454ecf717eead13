namespace Kairos.Core.Slots;

/// <summary>The identity that makes "exactly once" checkable: the store holds at most one run per key.</summary>
public readonly record struct SlotKey(string JobId, DateTimeOffset SlotTime)
{
    public override string ToString() => $"{JobId}@{SlotTime.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}";
}
