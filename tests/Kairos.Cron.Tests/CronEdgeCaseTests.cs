using System.Globalization;

namespace Kairos.Cron.Tests;

/// <summary>The parser's answers to forms other dialects read differently; docs/cron.md describes each.</summary>
public class CronEdgeCaseTests
{
    private static readonly DateTimeOffset From = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static List<DateTimeOffset> FirstOccurrences(string cron, int count) =>
        CronExpression.Parse(cron).GetOccurrences(From, From.AddYears(2), TimeZoneInfo.Utc).Take(count).ToList();

    private static DateTimeOffset At(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("22-2 * * * *")]
    [InlineData("* 22-2 * * *")]
    [InlineData("* * * NOV-FEB *")]
    [InlineData("* * * * FRI-MON")]
    [InlineData("* * * * 6-1")]
    public void Parse_ReversedRange_Refused(string cron)
    {
        var e = Assert.Throws<CronFormatException>(() => CronExpression.Parse(cron));
        Assert.Contains("runs backwards", e.Message, StringComparison.Ordinal);
    }

    // A step larger than what is left of the range keeps only the range's start.
    [Theory]
    [InlineData("*/90 * * * *", "2024-01-01T01:00:00Z", "2024-01-01T02:00:00Z")]
    [InlineData("10/60 * * * *", "2024-01-01T00:10:00Z", "2024-01-01T01:10:00Z")]
    [InlineData("0 5-10/24 * * *", "2024-01-01T05:00:00Z", "2024-01-02T05:00:00Z")]
    [InlineData("0 0 1 */13 *", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    [InlineData("5/2147483647 * * * *", "2024-01-01T00:05:00Z", "2024-01-01T01:05:00Z")]
    [InlineData("0 0 * * 1/99", "2024-01-08T00:00:00Z", "2024-01-15T00:00:00Z")]
    public void Parse_StepBeyondRange_KeepsOnlyTheStart(string cron, string first, string second)
    {
        Assert.Equal([At(first), At(second)], FirstOccurrences(cron, 2));
    }

    [Theory]
    [InlineData("0 0 L-3W * *")]
    [InlineData("0 0 L-0W * *")]
    [InlineData("0 0 LW-3 * *")]
    public void Parse_LastOffsetWithNearestWeekday_Refused(string cron)
    {
        var e = Assert.Throws<CronFormatException>(() => CronExpression.Parse(cron));
        Assert.Contains("L, L-n, nW or LW", e.Message, StringComparison.Ordinal);
    }

    // L-n counts back from each month's own last day, so L-30 is the 1st of 31-day months and never in shorter ones.
    [Fact]
    public void Parse_LastOffsetLongerThanMonth_SkipsThatMonth()
    {
        Assert.Equal([At("2024-03-01T00:00:00Z"), At("2024-05-01T00:00:00Z")], FirstOccurrences("0 0 L-30 * *", 2));
    }
}
