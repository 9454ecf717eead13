namespace Kairos.Core.Pacing;

/// <summary>
/// Publishing pace without bursts: one send every <see cref="Interval"/> = (1 s + margin) / rate, a token bucket that
/// holds one token. After a pause the next send goes at once, and the one after waits a full interval: nothing is
/// saved up. Sends i and i + rate are then at least 1 s + margin apart, so no one-second window holds more than the
/// rate even where the way to the receiver delays some sends by up to the margin more than others
/// (<see cref="PaceMeasure.MostInAnySecond"/>). Pure: the caller gives the time. Not thread-safe: the caller serialises.
/// </summary>
public sealed class EvenPace
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private DateTimeOffset? _next;

    /// <param name="rate">Most sends in any one second, at least 1.</param>
    /// <param name="margin">The spread in delay the receiver's side may add; zero to one second.</param>
    public EvenPace(int rate, TimeSpan margin = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(margin, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(margin, Second);
        Rate = rate;
        Margin = margin;
        Interval = IntervalFor(rate, margin);
    }

    public int Rate { get; }

    public TimeSpan Margin { get; }

    /// <summary>The spacing between sends, rounded up to the tick so it is never shorter than the pace allows.</summary>
    public TimeSpan Interval { get; }

    /// <summary>How long from <paramref name="now"/> until the next send may go; zero when it may go now.</summary>
    public TimeSpan WaitBefore(DateTimeOffset now) => _next is { } next && next > now ? next - now : TimeSpan.Zero;

    /// <summary>Records a send at <paramref name="now"/>; only call when <see cref="WaitBefore"/> is zero.</summary>
    public void Record(DateTimeOffset now)
    {
        if (WaitBefore(now) > TimeSpan.Zero) throw new InvalidOperationException($"A send at {now:O} was recorded before the pace allowed it ({_next:O}).");
        // From the send itself, not from when it was allowed: a sender that was late does not catch up in a burst.
        _next = now + Interval;
    }

    public static TimeSpan IntervalFor(int rate, TimeSpan margin)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 1);
        var span = (Second + margin).Ticks;
        return TimeSpan.FromTicks((span + rate - 1) / rate);
    }
}
