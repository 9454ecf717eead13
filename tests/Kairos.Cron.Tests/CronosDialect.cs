using System.Globalization;

namespace Kairos.Cron.Tests;

/// <summary>Random expressions in the common ground of Kairos and Cronos 0.13 (see <see cref="CronosDifferentialTests"/>).</summary>
internal static class CronosDialect
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static string Generate(Random r)
    {
        var seconds = Numeric(r, 0, 59);
        var minutes = Numeric(r, 0, 59);
        var hours = Numeric(r, 0, 23);
        var months = r.Next(4) == 0 ? Months(r) : Numeric(r, 1, 12);
        var any = r.Next(2) == 0 ? "*" : "?";
        return r.Next(2) == 0
            ? $"{seconds} {minutes} {hours} {DayOfMonth(r)} {months} {any}"
            : $"{seconds} {minutes} {hours} {any} {months} {DayOfWeek(r)}";
    }

    // Steps never exceed the field's largest value (Cronos's limit); they may exceed the range they apply to.
    private static string Numeric(Random r, int min, int max)
    {
        string Value() => r.Next(min, max + 1).ToString(CultureInfo.InvariantCulture);
        int Step() => r.Next(4) == 0 ? r.Next(1, max + 1) : r.Next(1, Math.Max(2, (max - min) / 3));
        switch (r.Next(7))
        {
            case 0: return "*";
            case 1: return Value();
            case 2: return Range(r, min, max);
            case 3: return $"*/{Step()}";
            case 4: return $"{Value()}/{Step()}";
            case 5: return $"{Range(r, min, max)}/{Step()}";
            default: return string.Join(',', Enumerable.Range(0, r.Next(2, 5)).Select(_ => r.Next(2) == 0 ? Value() : Range(r, min, max)));
        }
    }

    private static string Range(Random r, int min, int max)
    {
        var a = r.Next(min, max + 1);
        return $"{a}-{r.Next(a, max + 1)}";
    }

    private static string Months(Random r)
    {
        var a = r.Next(12);
        return r.Next(3) switch
        {
            0 => MonthNames[a],
            1 => $"{MonthNames[a]}-{MonthNames[r.Next(a, 12)]}",
            _ => string.Join(',', MonthNames[a], MonthNames[r.Next(12)].ToLowerInvariant()),
        };
    }

    private static string DayOfMonth(Random r) => r.Next(7) switch
    {
        0 => "L",
        1 => $"L-{r.Next(0, 31)}",
        2 => $"{r.Next(1, 32)}W",
        3 => "LW",
        _ => Numeric(r, 1, 31),
    };

    private static string DayOfWeek(Random r)
    {
        var d = r.Next(8);
        var day = r.Next(2) == 0 ? d.ToString(CultureInfo.InvariantCulture) : DayNames[d % 7];
        switch (r.Next(8))
        {
            case 0: return day;
            case 1:
                {
                    var b = r.Next(d, 8);
                    return $"{d}-{b}";
                }
            case 2:
                {
                    var a = r.Next(7);
                    return $"{DayNames[a]}-{DayNames[r.Next(a, 7)]}";
                }
            case 3: return $"*/{r.Next(1, 8)}";
            case 4:
                {
                    var a = r.Next(7);
                    // "n/step" runs on through 7 (Sunday) in both, as "n-7/step" does.
                    return r.Next(2) == 0 ? $"{a}-{r.Next(a, 8)}/{r.Next(1, 4)}" : $"{a}/{r.Next(1, 4)}";
                }
            case 5: return $"{day}#{r.Next(1, 6)}";
            case 6: return $"{day}L";
            default: return string.Join(',', Enumerable.Range(0, r.Next(2, 4)).Select(_ => DayNames[r.Next(7)]));
        }
    }
}
