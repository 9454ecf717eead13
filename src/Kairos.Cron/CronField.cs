namespace Kairos.Cron;

/// <summary>One parsed field: a bit per allowed value, or a single special day form.</summary>
internal readonly record struct CronField(ulong Mask, bool IsUnrestricted, CronDaySpecial Special)
{
    public bool Contains(int value) => (Mask & (1UL << value)) != 0;

    /// <summary>The smallest allowed value at or above <paramref name="from"/>, or -1.</summary>
    public int NextAtOrAfter(int from)
    {
        if (from > 63) return -1;
        var rest = Mask >> from;
        return rest == 0 ? -1 : from + System.Numerics.BitOperations.TrailingZeroCount(rest);
    }

    public int First => System.Numerics.BitOperations.TrailingZeroCount(Mask);
}
