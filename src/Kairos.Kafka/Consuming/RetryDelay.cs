namespace Kairos.Kafka.Consuming;

/// <summary>Exponential backoff with a cap and ±20 % jitter, so paused consumers do not retry in step. Pure.</summary>
public static class RetryDelay
{
    /// <param name="attempt">The try that just failed, from 1.</param>
    /// <param name="jitter">A number in [0, 1), such as <see cref="Random.NextDouble"/>.</param>
    public static TimeSpan After(int attempt, TimeSpan first, TimeSpan cap, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(first, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, first);
        if (jitter is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "jitter must be in [0, 1)");
        // Past 2^20 the doubling is far beyond any sensible cap; stopping there keeps the arithmetic finite.
        var grown = first * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = grown < cap ? grown : cap;
        return capped * (0.8 + (jitter * 0.4));
    }
}
