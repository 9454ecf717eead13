namespace Kairos.Core.Time;

/// <summary>
/// Instant and timer arithmetic on values read from the store, which stops at the ends of the range instead of
/// throwing: one job's stored duration must not make a pass over every job fail. Validation keeps durations far
/// from these ends; this is the floor under it for rows written before a limit existed.
/// </summary>
public static class SaturatingTime
{
    /// <summary>The longest delay a timer (Task.Delay, CancellationTokenSource) accepts: about 49.7 days.</summary>
    public static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public static DateTimeOffset Add(DateTimeOffset instant, TimeSpan span) =>
        span == TimeSpan.MinValue ? DateTimeOffset.MinValue // the one span whose negation overflows
        : span >= TimeSpan.Zero
            ? (DateTimeOffset.MaxValue - instant < span ? DateTimeOffset.MaxValue : instant + span)
            : Subtract(instant, span.Duration());

    public static DateTimeOffset Subtract(DateTimeOffset instant, TimeSpan span) =>
        span == TimeSpan.MinValue ? DateTimeOffset.MaxValue
        : span < TimeSpan.Zero ? Add(instant, span.Duration())
        : instant - DateTimeOffset.MinValue < span ? DateTimeOffset.MinValue : instant - span;

    /// <summary>A delay a timer accepts: never negative, and cut to <see cref="LongestTimer"/>.</summary>
    public static TimeSpan Timer(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > LongestTimer ? LongestTimer : delay;
}
