using Kairos.Kafka.Publishing;
using Kairos.Testing;

namespace Kairos.Kafka.Tests;

public sealed class PartnerPacerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AcquireAsync_OnTheInjectedClock_ReleasesOneEveryInterval()
    {
        var clock = new ManualClock(T0);
        var pacer = new PartnerPacer("bank", rate: 4, maxInFlight: 10, clock);
        var released = new List<DateTimeOffset>();
        var sender = Task.Run(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                using var lease = await pacer.AcquireAsync(CancellationToken.None);
                lock (released) released.Add(lease.At);
            }
        });
        // Advance only while the sender is parked on a timer: advancing before it registers one would move the
        // clock under it, and the release times would depend on thread scheduling instead of on the pacer.
        for (var step = 0; step < 200 && !sender.IsCompleted; step++)
        {
            await WaitUntilAsync(() => sender.IsCompleted || clock.PendingTimers > 0);
            if (!sender.IsCompleted) clock.Advance(TimeSpan.FromMilliseconds(10));
        }
        await sender;
        Assert.Equal([0, 250, 500, 750], released.Select(t => (int)(t - T0).TotalMilliseconds));
    }

    [Fact]
    public async Task AcquireAsync_InFlightFull_WaitsForALeaseToBeDisposed()
    {
        var clock = new ManualClock(T0);
        var pacer = new PartnerPacer("bank", rate: 1000, maxInFlight: 1, clock);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        var second = pacer.AcquireAsync(CancellationToken.None).AsTask();
        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second).Dispose();
        Assert.Equal(0, pacer.InFlight);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the sender neither finished nor waited on the clock");
            await Task.Delay(1);
        }
    }
}
