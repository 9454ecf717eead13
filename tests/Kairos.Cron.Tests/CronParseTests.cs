namespace Kairos.Cron.Tests;

public class CronParseTests
{
    [Theory]
    [InlineData("* * * *", "5 or 6 fields")]
    [InlineData("* * * * * * *", "5 or 6 fields")]
    [InlineData("60 * * * *", "minute field '60'")]
    [InlineData("* 24 * * *", "hour field '24'")]
    [InlineData("* * 0 * *", "day-of-month field '0'")]
    [InlineData("* * * 13 *", "month field '13'")]
    [InlineData("* * * * 8", "day-of-week field '8'")]
    [InlineData("*/0 * * * *", "invalid step")]
    [InlineData("5-1 * * * *", "runs backwards")]
    [InlineData("? * * * *", "'?' is allowed only")]
    [InlineData("* * * FOO *", "not a number or a name")]
    [InlineData("* * 15X * *", "not a number")]
    [InlineData("* * * * MON#6", "'d#n' needs n from 1 to 5")]
    [InlineData("* L * * *", "allowed only in the day fields")]
    [InlineData("@fortnightly", "Unknown macro")]
    [InlineData("1,,2 * * * *", "empty list item")]
    public void Parse_Invalid_ThrowsNamingTheProblem(string expression, string expected)
    {
        var e = Assert.Throws<CronFormatException>(() => CronExpression.Parse(expression));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Invalid_ReturnsFalseWithMessage()
    {
        Assert.False(CronExpression.TryParse("* * *", out var cron, out var error));
        Assert.Null(cron);
        Assert.Contains("5 or 6 fields", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@hourly", "2024-01-01T10:20:00+09:00", "2024-01-01T11:00:00+09:00")]
    [InlineData("@daily", "2024-01-01T10:20:00+09:00", "2024-01-02T00:00:00+09:00")]
    [InlineData("@weekly", "2024-01-01T10:20:00+09:00", "2024-01-07T00:00:00+09:00")]
    [InlineData("@monthly", "2024-01-01T10:20:00+09:00", "2024-02-01T00:00:00+09:00")]
    [InlineData("@yearly", "2024-01-01T10:20:00+09:00", "2025-01-01T00:00:00+09:00")]
    [InlineData("@every_second", "2024-01-01T10:20:00+09:00", "2024-01-01T10:20:01+09:00")]
    [InlineData("*/15 * * * *", "2024-01-01T10:20:00+09:00", "2024-01-01T10:30:00+09:00")]
    [InlineData("*/10 * * * * *", "2024-01-01T10:20:05+09:00", "2024-01-01T10:20:10+09:00")]
    [InlineData("0 9 * * MON-FRI", "2024-01-05T09:00:00+09:00", "2024-01-08T09:00:00+09:00")]
    [InlineData("0 9 * * 7", "2024-01-01T00:00:00+09:00", "2024-01-07T09:00:00+09:00")]
    [InlineData("0 0 L * *", "2024-02-01T00:00:00+09:00", "2024-02-29T00:00:00+09:00")]
    [InlineData("0 0 L-2 * *", "2023-02-01T00:00:00+09:00", "2023-02-26T00:00:00+09:00")]
    [InlineData("0 0 LW * *", "2024-08-01T00:00:00+09:00", "2024-08-30T00:00:00+09:00")]
    [InlineData("0 0 1W * *", "2024-06-01T00:00:00+09:00", "2024-06-03T00:00:00+09:00")]
    [InlineData("0 0 15W * *", "2024-06-01T00:00:00+09:00", "2024-06-14T00:00:00+09:00")]
    [InlineData("0 0 * * FRI#3", "2024-01-01T00:00:00+09:00", "2024-01-19T00:00:00+09:00")]
    [InlineData("0 0 * * 5L", "2024-01-01T00:00:00+09:00", "2024-01-26T00:00:00+09:00")]
    [InlineData("0 0 13 * FRI", "2024-01-01T00:00:00+09:00", "2024-01-05T00:00:00+09:00")]
    [InlineData("0 0 29 2 *", "2024-03-01T00:00:00+09:00", "2028-02-29T00:00:00+09:00")]
    [InlineData("0 12 * jan,Jul ?", "2024-02-01T00:00:00+09:00", "2024-07-01T12:00:00+09:00")]
    public void GetNextOccurrence_Seoul_MatchesTable(string expression, string from, string expected)
    {
        var next = CronExpression.Parse(expression).GetNextOccurrence(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture), Zones.Seoul);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void GetNextOccurrence_Impossible_ReturnsNull()
    {
        Assert.Null(CronExpression.Parse("0 0 30 2 *").GetNextOccurrence(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Zones.Seoul));
    }

    [Fact]
    public void GetNextOccurrence_FromMidSecond_NextWholeSecond()
    {
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, 500, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 1, TimeSpan.Zero), CronExpression.Parse("* * * * * *").GetNextOccurrence(from, TimeZoneInfo.Utc));
    }
}
