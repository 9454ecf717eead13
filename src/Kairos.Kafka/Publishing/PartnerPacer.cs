using Kairos.Core.Pacing;

namespace Kairos.Kafka.Publishing;

/// <summary>
/// Holds one destination to its pace: one message every (1 s + margin) / <see cref="Rate"/>, evenly, never a burst
/// (<see cref="EvenPace"/>), and at most <see cref="MaxInFlight"/> sent but not yet acknowledged. Every job that targets the destination waits
/// on the same pacer, so two jobs together keep the pace too.
/// </summary>
public sealed class PartnerPacer(string name, int rate, int maxInFlight, TimeProvider clock, TimeSpan margin = default)
{
    private readonly EvenPace _pace = new(rate, margin);
    private readonly SemaphoreSlim _inFlight = new(maxInFlight, maxInFlight);
    private readonly Lock _gate = new();

    public string Name { get; } = name;

    public int Rate => _pace.Rate;

    /// <summary>The spacing between two messages.</summary>
    public TimeSpan Interval => _pace.Interval;

    public int MaxInFlight { get; } = maxInFlight;

    /// <summary>Messages sent and not yet acknowledged.</summary>
    public int InFlight => MaxInFlight - _inFlight.CurrentCount;

    /// <summary>Waits until one more message may be sent; dispose the lease when Kafka acknowledges it (or gives up).</summary>
    public async ValueTask<PacerLease> AcquireAsync(CancellationToken cancellationToken)
    {
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_gate)
                {
                    var now = clock.GetUtcNow();
                    wait = _pace.WaitBefore(now);
                    if (wait == TimeSpan.Zero)
                    {
                        _pace.Record(now);
                        return new PacerLease(_inFlight, now);
                    }
                }
                await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _inFlight.Release();
            throw;
        }
    }
}

/// <summary>One admitted message: <see cref="At"/> is when the pacer let it go; disposing frees its in-flight place.</summary>
public sealed class PacerLease(SemaphoreSlim inFlight, DateTimeOffset at) : IDisposable
{
    private int _released;

    public DateTimeOffset At { get; } = at;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) inFlight.Release();
    }
}
