using System.Globalization;

namespace Kairos.Cron.Tests;

/// <summary>The cron cases a peer's test suite and generated inputs found (issue 17, items 1-6), one test each.</summary>
public class CronReportedBugTests
{
    private static DateTimeOffset At(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("/5 * * * *")]
    [InlineData("* /5 * * *")]
    [InlineData("0 /2 * * * *")]
    [InlineData("1,/5 * * * *")]
    public void FieldStartingWithAStep_RefusedWithAMessage_NeverAnException(string cron)
    {
        Assert.False(CronExpression.TryParse(cron, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Throws<CronFormatException>(() => CronExpression.Parse(cron));
    }

    [Fact]
    public void HugeStep_NoOverflow_OnlyTheStart()
    {
        var cron = CronExpression.Parse("0 1/2147483647 * * * *");
        var next = cron.GetOccurrences(At("2026-01-01T00:00:00Z"), At("2026-01-01T03:00:00Z"), TimeZoneInfo.Utc).ToList();
        Assert.Equal([At("2026-01-01T00:01:00Z"), At("2026-01-01T01:01:00Z"), At("2026-01-01T02:01:00Z")], next);
    }

    [Theory]
    [InlineData("0 0 * * 1/1", "1-7")]
    [InlineData("0 0 * * 1/2", "1-7/2")]
    [InlineData("0 0 * * 0/3", "0-7/3")]
    [InlineData("0 0 * * 2/2", "2-7/2")]
    public void DayOfWeekStep_RunsThroughSunday_LikeTheRange(string cron, string range)
    {
        var from = At("2026-11-01T00:00:00Z");
        var a = CronExpression.Parse(cron).GetOccurrences(from, from.AddDays(28), TimeZoneInfo.Utc).ToList();
        var b = CronExpression.Parse($"0 0 * * {range}").GetOccurrences(from, from.AddDays(28), TimeZoneInfo.Utc).ToList();
        Assert.Equal(b, a);
    }

    [Fact]
    public void DayOfWeekOneStepOne_IncludesSunday()
    {
        var from = At("2026-11-01T00:00:00Z"); // a Sunday
        var days = CronExpression.Parse("0 0 * * 1/1").GetOccurrences(from, from.AddDays(7), TimeZoneInfo.Utc).Select(d => d.DayOfWeek).ToHashSet();
        Assert.Equal(7, days.Count);
    }

    [Fact]
    public void FifthMondayOfFebruary_FoundBeyondTwentyNineYears()
    {
        var next = CronExpression.Parse("0 0 * 2 MON#5").GetNextOccurrence(At("2073-01-01T00:00:00Z"), TimeZoneInfo.Utc);
        Assert.Equal(At("2112-02-29T00:00:00Z"), next);
    }

    [Theory]
    [InlineData("0 0 ?,1 * *")]
    [InlineData("0 0 1,* * *")]
    [InlineData("*,5 * * * *")]
    [InlineData("0 0 * * ?,MON")]
    public void WildcardInsideAList_Refused(string cron) => Assert.False(CronExpression.TryParse(cron, out _, out _));

    [Fact]
    public void QuestionMarkOutsideDayFields_Refused() => Assert.False(CronExpression.TryParse("? * * * *", out _, out _));
}

/// <summary>Times .NET calls valid inside a spring-forward gap (seen on Linux for Africa/Casablanca) still move to the gap's end.</summary>
public class CronGapRoundTripTests
{
    [Fact]
    public void Casablanca_SpringForwardAfterRamadan_RunsAtTheGapsEnd_AndTheNextDay()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Africa/Casablanca");
        var cron = CronExpression.Parse("0 30 2 * * *");
        var from = new DateTimeOffset(2026, 3, 21, 12, 0, 0, TimeSpan.Zero);
        var next = cron.GetOccurrences(from, from.AddDays(2), zone).ToList();
        Assert.Equal([new DateTimeOffset(2026, 3, 22, 3, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 3, 23, 2, 30, 0, TimeSpan.FromHours(1))], next);
    }
}

/// <summary>Generated inputs (a fixed seed, so a failure repeats): TryParse answers every one without throwing.</summary>
public class CronGeneratedInputTests
{
    [Fact]
    public void TryParse_FiftyThousandGeneratedExpressions_NeverThrows()
    {
        var random = new Random(17);
        string[] atoms = ["*", "?", "/", "-", ",", "L", "W", "#", "0", "1", "5", "7", "12", "31", "59", "60", "MON", "SUN", "JAN", "2147483647", "99999999999", "L-3", "LW", "15W", "5L", "MON#5", ""];
        for (var i = 0; i < 50_000; i++)
        {
            var fields = Enumerable.Range(0, random.Next(4, 8))
                .Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => atoms[random.Next(atoms.Length)])));
            var text = string.Join(' ', fields);
            var ok = CronExpression.TryParse(text, out var cron, out var error);
            Assert.True(ok ? cron is not null : !string.IsNullOrEmpty(error), text);
            if (ok) _ = cron!.GetNextOccurrence(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);
        }
    }
}
