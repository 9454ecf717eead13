namespace Kairos.Core.Jobs;

/// <summary>How many times a failed attempt is tried again, waiting Backoff × 2^(n-1), capped at MaxBackoff.</summary>
public sealed record RetryPolicy(int Count, TimeSpan Backoff, TimeSpan MaxBackoff)
{
    public static readonly RetryPolicy None = new(0, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>The delay before attempt <paramref name="nextAttempt"/> (2 is the first retry), or null when none is left.</summary>
    public TimeSpan? DelayBefore(int nextAttempt)
    {
        if (nextAttempt < 2 || nextAttempt > Count + 1) return null;
        var factor = Math.Pow(2, nextAttempt - 2);
        var delay = TimeSpan.FromTicks((long)Math.Min(Backoff.Ticks * factor, MaxBackoff.Ticks));
        return delay;
    }
}
