namespace Kairos.Core.Pacing;

/// <summary>
/// The rule behind publishing pace: no one-second window may carry more than <see cref="Rate"/> sends. It remembers
/// the last <see cref="Rate"/> send times; a new send may go when the oldest of them is at least a second old. Then
/// for any sends i and i+Rate, t(i+Rate) ≥ t(i) + 1 s, so no half-open second [t, t+1 s) holds Rate + 1 of them,
/// wherever it starts — a stricter promise than a token bucket, which lets a full bucket burst.
/// Pure: the caller gives the time. Not thread-safe: the caller serialises.
/// </summary>
public sealed class PaceWindow
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly DateTimeOffset[] _sent;
    private readonly TimeSpan _span;
    private int _next;
    private int _count;

    /// <param name="rate">Most sends in any one second.</param>
    /// <param name="margin">
    /// Extra spacing on top of the second: sends spaced over 1 s + margin still arrive at most <paramref name="rate"/> in
    /// any second when the way to the receiver delays some of them by up to the margin more than others (an HTTP call
    /// that opens a connection arrives later than one that reuses it).
    /// </param>
    public PaceWindow(int rate, TimeSpan margin = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(margin, TimeSpan.Zero);
        _sent = new DateTimeOffset[rate];
        _span = Second + margin;
    }

    public int Rate => _sent.Length;

    /// <summary>How long from <paramref name="now"/> until the next send may go; zero when it may go now.</summary>
    public TimeSpan WaitBefore(DateTimeOffset now)
    {
        if (_count < _sent.Length) return TimeSpan.Zero;
        var free = _sent[_next] + _span;
        return free > now ? free - now : TimeSpan.Zero;
    }

    /// <summary>Records a send at <paramref name="now"/>; only call when <see cref="WaitBefore"/> is zero.</summary>
    public void Record(DateTimeOffset now)
    {
        if (WaitBefore(now) > TimeSpan.Zero) throw new InvalidOperationException("A send was recorded before the window allowed it.");
        _sent[_next] = now;
        _next = (_next + 1) % _sent.Length;
        if (_count < _sent.Length) _count++;
    }

    /// <summary>The highest number of sends in any one-second window of <paramref name="times"/> (for checks and benchmarks).</summary>
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
}
