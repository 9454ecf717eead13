using Kairos.Core.Pacing;

namespace Kairos.Core.Tests;

public sealed class PaceWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FirstRateSends_GoAtOnce_TheNextWaitsForTheOldestToBeASecondOld()
    {
        var window = new PaceWindow(3);
        foreach (var ms in new[] { 0, 10, 20 })
        {
            Assert.Equal(TimeSpan.Zero, window.WaitBefore(T0.AddMilliseconds(ms)));
            window.Record(T0.AddMilliseconds(ms));
        }
        Assert.Equal(TimeSpan.FromMilliseconds(970), window.WaitBefore(T0.AddMilliseconds(30)));
        Assert.Throws<InvalidOperationException>(() => window.Record(T0.AddMilliseconds(999)));
        window.Record(T0.AddMilliseconds(1000));
        Assert.Equal(TimeSpan.FromMilliseconds(10), window.WaitBefore(T0.AddMilliseconds(1000)));
    }

    [Theory]
    [InlineData(1, 17)]
    [InlineData(7, 3)]
    [InlineData(50, 99)]
    public void GreedySender_NoOneSecondWindowEverCarriesMoreThanTheRate(int rate, int seed)
    {
        // A sender that asks at random moments and goes as soon as allowed: the worst case for bursts.
        var random = new Random(seed);
        var window = new PaceWindow(rate);
        var now = T0;
        var sent = new List<DateTimeOffset>();
        while (sent.Count < rate * 10)
        {
            now += TimeSpan.FromMilliseconds(random.Next(0, 3) == 0 ? random.Next(0, 400) : 0);
            now += window.WaitBefore(now);
            window.Record(now);
            sent.Add(now);
        }
        Assert.InRange(PaceWindow.BusiestSecond(sent), 1, rate);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public void SenderThatNeverPauses_GetsTheFullRate_EverySecond(int rate)
    {
        var window = new PaceWindow(rate);
        var now = T0;
        var sent = new List<DateTimeOffset>();
        while (now < T0.AddSeconds(10))
        {
            now += window.WaitBefore(now);
            window.Record(now);
            sent.Add(now);
        }
        Assert.Equal(rate, PaceWindow.BusiestSecond(sent));
        Assert.Equal(rate * 10 + 1, sent.Count); // the rate in each of ten seconds, and the first of the eleventh at 10 s
    }

    [Fact]
    public void BusiestSecond_CountsHalfOpenWindows()
    {
        Assert.Equal(2, PaceWindow.BusiestSecond([T0, T0.AddMilliseconds(999), T0.AddMilliseconds(1000)]));
        Assert.Equal(0, PaceWindow.BusiestSecond([]));
    }
}

public sealed class PaceWindowMarginTests
{
    [Fact]
    public void Margin_SpacesEachSendAfterTheRateBefore_ByASecondAndTheMargin()
    {
        var t0 = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var window = new Kairos.Core.Pacing.PaceWindow(2, TimeSpan.FromMilliseconds(100));
        window.Record(t0);
        window.Record(t0.AddMilliseconds(10));
        Assert.Equal(TimeSpan.FromMilliseconds(1100), window.WaitBefore(t0));
        Assert.Equal(TimeSpan.FromMilliseconds(100), window.WaitBefore(t0.AddSeconds(1)));
        Assert.Equal(TimeSpan.Zero, window.WaitBefore(t0.AddMilliseconds(1100)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Kairos.Core.Pacing.PaceWindow(2, TimeSpan.FromMilliseconds(-1)));
    }
}
