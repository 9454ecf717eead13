using Kairos.Kafka.Consuming;

namespace Kairos.Kafka.Tests;

public sealed class RetryDelayTests
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(1, 200)]
    [InlineData(2, 400)]
    [InlineData(5, 3200)]
    [InlineData(6, 5000)]
    [InlineData(1000, 5000)]
    [InlineData(int.MaxValue, 5000)]
    public void After_WithMiddleJitter_DoublesUpToTheCap(int attempt, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryDelay.After(attempt, First, Cap, 0.5));

    [Fact]
    public void After_Jitter_StaysWithinTwentyPercent()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(4000), RetryDelay.After(50, First, Cap, 0));
        Assert.True(RetryDelay.After(50, First, Cap, 0.999999) < TimeSpan.FromMilliseconds(6000));
    }

    [Fact]
    public void After_BadInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryDelay.After(0, First, Cap, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryDelay.After(1, TimeSpan.Zero, Cap, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryDelay.After(1, Cap, First, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryDelay.After(1, First, Cap, 1.0));
    }
}
