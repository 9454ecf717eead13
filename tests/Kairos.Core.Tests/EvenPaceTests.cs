using Kairos.Core.Pacing;

namespace Kairos.Core.Tests;

public sealed class EvenPaceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TenASecond_EachSendWaitsATenthOfASecondAfterThePrevious_NoBurstAtTheStart()
    {
        var pace = new EvenPace(10);
        Assert.Equal(TimeSpan.Zero, pace.WaitBefore(T0));
        pace.Record(T0);
        Assert.Equal(TimeSpan.FromMilliseconds(100), pace.WaitBefore(T0));
        Assert.Equal(TimeSpan.FromMilliseconds(60), pace.WaitBefore(T0.AddMilliseconds(40)));
        Assert.Throws<InvalidOperationException>(() => pace.Record(T0.AddMilliseconds(99)));
        pace.Record(T0.AddMilliseconds(100));
        Assert.Equal(TimeSpan.FromMilliseconds(100), pace.WaitBefore(T0.AddMilliseconds(100)));
    }

    [Fact]
    public void AfterAPause_NothingIsSavedUp_OneGoesAtOnceThenTheIntervalAgain()
    {
        var pace = new EvenPace(10);
        pace.Record(T0);
        var late = T0.AddSeconds(5);
        Assert.Equal(TimeSpan.Zero, pace.WaitBefore(late));
        pace.Record(late);
        Assert.Equal(TimeSpan.FromMilliseconds(100), pace.WaitBefore(late));
    }

    [Theory]
    [InlineData(1, 0, 10_000_000)]
    [InlineData(3, 0, 3_333_334)]     // rounded up: three sends never fit in less than a second
    [InlineData(10, 50, 1_050_000)]
    [InlineData(7, 100, 1_571_429)]
    [InlineData(1000, 0, 10_000)]
    public void Interval_IsTheSecondAndMarginOverTheRate_RoundedUp(int rate, int marginMs, long ticks) =>
        Assert.Equal(TimeSpan.FromTicks(ticks), new EvenPace(rate, TimeSpan.FromMilliseconds(marginMs)).Interval);

    [Theory]
    [InlineData(1, 0, 17)]
    [InlineData(3, 0, 5)]
    [InlineData(7, 50, 3)]
    [InlineData(10, 50, 11)]
    [InlineData(50, 100, 99)]
    public void GreedyAndIdleSenders_NoOneSecondWindowCarriesMoreThanTheRate(int rate, int marginMs, int seed)
    {
        // A sender that asks at random moments (sometimes idle for a while) and goes as soon as it may.
        var random = new Random(seed);
        var pace = new EvenPace(rate, TimeSpan.FromMilliseconds(marginMs));
        var now = T0;
        var sent = new List<DateTimeOffset>();
        while (sent.Count < rate * 20)
        {
            now += TimeSpan.FromMilliseconds(random.Next(0, 3) == 0 ? random.Next(0, 1500) : 0);
            now += pace.WaitBefore(now);
            pace.Record(now);
            sent.Add(now);
        }
        Assert.InRange(PaceMeasure.BusiestSecond(sent), 1, rate);
        Assert.All(sent.Zip(sent.Skip(1)), p => Assert.True(p.Second - p.First >= pace.Interval));
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(10, 50)]
    [InlineData(33, 100)]
    public void ArrivalsDelayedByUpToTheMarginMoreThanEachOther_StillAtMostTheRateInAnySecond(int rate, int marginMs)
    {
        var margin = TimeSpan.FromMilliseconds(marginMs);
        var pace = new EvenPace(rate, margin);
        var random = new Random(rate + marginMs);
        var now = T0;
        var arrivals = new List<DateTimeOffset>();
        for (var i = 0; i < rate * 30; i++)
        {
            now += pace.WaitBefore(now);
            pace.Record(now);
            // Worst case for a window: alternate the smallest and the largest delay, plus random ones.
            var delay = i % 3 == 2 ? random.Next(0, marginMs + 1) : i % 2 == 0 ? 0 : marginMs;
            arrivals.Add(now.AddMilliseconds(delay));
        }
        Assert.InRange(PaceMeasure.BusiestSecond(arrivals), 1, rate);
        Assert.Equal(rate, PaceMeasure.MostInAnySecond(pace.Interval, margin));
    }

    [Fact]
    public void SenderThatNeverPauses_GetsTheRate_Evenly()
    {
        var pace = new EvenPace(20);
        var now = T0;
        var sent = new List<DateTimeOffset>();
        while (now < T0.AddSeconds(10))
        {
            now += pace.WaitBefore(now);
            pace.Record(now);
            sent.Add(now);
        }
        Assert.Equal(20, PaceMeasure.BusiestSecond(sent));
        Assert.Equal(201, sent.Count);
        Assert.All(sent.Zip(sent.Skip(1)), p => Assert.Equal(TimeSpan.FromMilliseconds(50), p.Second - p.First));
    }

    [Theory]
    [InlineData(100, 0, 10)]
    [InlineData(100, 50, 11)]
    [InlineData(105, 50, 10)]
    [InlineData(105, 51, 11)]
    [InlineData(105, 200, 12)]
    public void MostInAnySecond_IsTheCeilingOfSecondAndJitterOverInterval(int intervalMs, int jitterMs, int expected) =>
        Assert.Equal(expected, PaceMeasure.MostInAnySecond(TimeSpan.FromMilliseconds(intervalMs), TimeSpan.FromMilliseconds(jitterMs)));

    [Fact]
    public void BusiestSecond_CountsHalfOpenWindows()
    {
        Assert.Equal(2, PaceMeasure.BusiestSecond([T0, T0.AddMilliseconds(999), T0.AddMilliseconds(1000)]));
        Assert.Equal(0, PaceMeasure.BusiestSecond([]));
    }

    [Fact]
    public void BadInput_IsRefusedClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvenPace(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvenPace(1, TimeSpan.FromMilliseconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvenPace(1, TimeSpan.FromMilliseconds(1001)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PaceMeasure.MostInAnySecond(TimeSpan.Zero, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => PaceMeasure.MostInAnySecond(TimeSpan.FromSeconds(1), TimeSpan.FromTicks(-1)));
        Assert.Throws<ArgumentNullException>(() => PaceMeasure.BusiestSecond(null!));
    }
}
