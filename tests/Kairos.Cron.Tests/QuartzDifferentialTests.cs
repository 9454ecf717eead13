using System.Globalization;
using System.Text;

namespace Kairos.Cron.Tests;

/// <summary>
/// Generates expressions both dialects accept, renders each in its own syntax, and compares the next occurrence
/// from random instants. Quartz numbers days of the week 1-7 from Sunday; Kairos 0-7 (0 and 7 are Sunday), and
/// Quartz requires '?' in one day field, which Kairos also accepts.
/// </summary>
public class QuartzDifferentialTests
{
    private const int Expressions = 1500;
    private const int InstantsPerExpression = 4;

    [Theory]
    [InlineData("Asia/Seoul", 20261122)]
    [InlineData("UTC", 7)]
    public void NextOccurrence_GeneratedExpressions_AgreesWithQuartz(string zoneId, int seed)
    {
        var zone = Zones.ById(zoneId);
        var random = new Random(seed);
        var mismatches = new List<string>();
        var compared = 0;
        var found = 0;
        for (var i = 0; i < Expressions; i++)
        {
            var (kairosText, quartzText) = Generate(random);
            var kairos = CronExpression.Parse(kairosText);
            var quartz = new Quartz.CronExpression(quartzText, zone);
            for (var j = 0; j < InstantsPerExpression; j++)
            {
                var from = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(random.NextInt64(0, 10L * 365 * 86400));
                var expected = quartz.GetNextValidTimeAfter(from);
                var actual = kairos.GetNextOccurrence(from, zone);
                compared++;
                if (expected is not null) found++;
                if (expected?.UtcDateTime != actual?.UtcDateTime)
                    mismatches.Add($"'{kairosText}' (Quartz '{quartzText}') after {from:O}: Kairos {actual:O}, Quartz {expected:O}");
            }
        }
        Assert.True(compared >= Expressions * InstantsPerExpression);
        Assert.True(found > compared * 9 / 10, $"only {found} of {compared} comparisons had an occurrence");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches, first: {string.Join("\n", mismatches.Take(10))}");
    }

    private static (string Kairos, string Quartz) Generate(Random r)
    {
        var seconds = Numeric(r, 0, 59);
        var minutes = Numeric(r, 0, 59);
        var hours = Numeric(r, 0, 23);
        var months = r.Next(4) == 0 ? MonthNames(r) : Numeric(r, 1, 12);
        string domK, domQ, dowK, dowQ;
        if (r.Next(2) == 0)
        {
            domK = domQ = DayOfMonth(r);
            dowK = dowQ = "?";
        }
        else
        {
            domK = domQ = "?";
            (dowK, dowQ) = DayOfWeek(r);
        }
        return ($"{seconds} {minutes} {hours} {domK} {months} {dowK}", $"{seconds} {minutes} {hours} {domQ} {months} {dowQ}");
    }

    private static string Numeric(Random r, int min, int max)
    {
        switch (r.Next(7))
        {
            case 0: return "*";
            case 1: return r.Next(min, max + 1).ToString(CultureInfo.InvariantCulture);
            case 2:
                {
                    var a = r.Next(min, max + 1);
                    return $"{a}-{r.Next(a, max + 1)}";
                }
            case 3: return $"*/{r.Next(1, Math.Max(2, (max - min) / 2))}";
            case 4: return $"{r.Next(min, max + 1)}/{r.Next(1, Math.Max(2, (max - min) / 2))}";
            case 5:
                {
                    var a = r.Next(min, max + 1);
                    return $"{a}-{r.Next(a, max + 1)}/{r.Next(1, 6)}";
                }
            default:
                return string.Join(',', Enumerable.Range(0, r.Next(2, 5)).Select(_ => r.Next(min, max + 1)).Distinct().Order());
        }
    }

    private static string MonthNames(Random r)
    {
        string[] names = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
        var a = r.Next(12);
        return r.Next(2) == 0 ? $"{names[a]}-{names[r.Next(a, 12)]}" : names[a];
    }

    private static string DayOfMonth(Random r) => r.Next(6) switch
    {
        0 => "L",
        1 => $"L-{r.Next(1, 10)}",
        2 => $"{r.Next(1, 29)}W",
        3 => "LW",
        _ => Numeric(r, 1, 31),
    };

    private static (string Kairos, string Quartz) DayOfWeek(Random r)
    {
        string[] names = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
        switch (r.Next(6))
        {
            case 0: return ("*", "*");
            case 1:
                {
                    var d = r.Next(7);
                    return (d.ToString(CultureInfo.InvariantCulture), (d + 1).ToString(CultureInfo.InvariantCulture));
                }
            case 2:
                {
                    var a = r.Next(7);
                    var b = r.Next(a, 7);
                    return ($"{a}-{b}", $"{a + 1}-{b + 1}");
                }
            case 3:
                {
                    var a = r.Next(7);
                    var b = r.Next(a, 7);
                    return ($"{names[a]}-{names[b]}", $"{names[a]}-{names[b]}");
                }
            case 4:
                {
                    var d = r.Next(7);
                    var n = r.Next(1, 6);
                    return ($"{d}#{n}", $"{d + 1}#{n}");
                }
            default:
                {
                    var d = r.Next(7);
                    return ($"{d}L", $"{d + 1}L");
                }
        }
    }
}
