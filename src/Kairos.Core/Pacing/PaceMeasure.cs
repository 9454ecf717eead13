namespace Kairos.Core.Pacing;

/// <summary>What a receiver sees of a pace: the measure used by tests and benchmarks, and the bound the design promises.</summary>
public static class PaceMeasure
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>The highest number of <paramref name="times"/> in any half-open one-second window [t, t + 1 s).</summary>
    public static int BusiestSecond(IReadOnlyList<DateTimeOffset> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var sorted = times.Order().ToArray();
        var best = 0;
        for (int start = 0, end = 0; start < sorted.Length; start++)
        {
            while (end < sorted.Length && sorted[end] < sorted[start] + Second) end++;
            best = Math.Max(best, end - start);
        }
        return best;
    }

    /// <summary>
    /// The most messages a receiver can see in one second when sends are at least <paramref name="interval"/> apart
    /// and their delays on the way differ by at most <paramref name="jitter"/>. Two arrivals less than 1 s apart were
    /// sent less than 1 s + jitter apart, so a window holds at most ⌈(1 s + jitter) / interval⌉ of them; with
    /// <see cref="EvenPace"/>'s interval and jitter within its margin, that is the rate.
    /// </summary>
    public static int MostInAnySecond(TimeSpan interval, TimeSpan jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(jitter, TimeSpan.Zero);
        var span = (Second + jitter).Ticks;
        return (int)((span + interval.Ticks - 1) / interval.Ticks);
    }
}
