using System.Globalization;

namespace Kairos.Cron;

internal static class CronFieldParser
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static CronField Parse(string text, CronFieldKind kind)
    {
        if (text.Length == 0) throw Error(kind, text, "is empty");
        if (text == "?")
        {
            if (kind is not (CronFieldKind.DayOfMonth or CronFieldKind.DayOfWeek))
                throw Error(kind, text, "'?' is allowed only in the day-of-month and day-of-week fields");
            return Unrestricted(kind);
        }
        if (text == "*") return Unrestricted(kind);

        var special = ParseSpecial(text, kind);
        if (special.Kind != CronDaySpecialKind.None) return new CronField(0, false, special);

        ulong mask = 0;
        foreach (var item in text.Split(','))
            mask |= ParseItem(item, kind, text);
        if (kind == CronFieldKind.DayOfWeek && (mask & (1UL << 7)) != 0)
            mask = (mask & ~(1UL << 7)) | 1UL; // 7 is Sunday, as 0 is
        return new CronField(mask, false, CronDaySpecial.None);
    }

    private static CronField Unrestricted(CronFieldKind kind)
    {
        var (min, max) = kind.Bounds();
        if (kind == CronFieldKind.DayOfWeek) max = 6;
        return new CronField(RangeMask(min, max, 1), true, CronDaySpecial.None);
    }

    private static ulong ParseItem(string item, CronFieldKind kind, string field)
    {
        if (item.Length == 0) throw Error(kind, field, CronText.Get("item.empty"));
        var (min, max) = kind.Bounds();
        var step = 1;
        var slash = item.IndexOf('/');
        var rangePart = item;
        if (slash >= 0)
        {
            rangePart = item[..slash];
            if (!int.TryParse(item[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step <= 0)
                throw Error(kind, field, CronText.Get("item.step", item[(slash + 1)..]));
        }

        if (rangePart.Length == 0) throw Error(kind, field, CronText.Get("item.stepWithoutStart", item));
        // '?' means "no particular day" and stands alone; '*' inside a list would swallow the rest of it ('*/n' may).
        if (rangePart == "?" && (slash >= 0 || item != field)) throw Error(kind, field, CronText.Get("item.questionAlone"));
        if (rangePart == "*" && slash < 0 && item != field) throw Error(kind, field, CronText.Get("item.wildcardInList"));
        int from, to;
        if (rangePart is "*" or "?")
        {
            (from, to) = (min, kind == CronFieldKind.DayOfWeek ? 6 : max);
        }
        else
        {
            var dash = rangePart.IndexOf('-', 1);
            if (dash > 0)
            {
                from = ParseValue(rangePart[..dash], kind, field);
                to = ParseValue(rangePart[(dash + 1)..], kind, field);
                if (from > to) throw Error(kind, field, CronText.Get("item.backwards", rangePart));
            }
            else
            {
                from = ParseValue(rangePart, kind, field);
                // "1/2" in day-of-week runs on through Sunday (7), as "1-7/2" does.
                to = slash >= 0 ? max : from;
            }
        }
        return RangeMask(from, to, step);
    }

    private static int ParseValue(string text, CronFieldKind kind, string field)
    {
        var (min, max) = kind.Bounds();
        var names = kind switch { CronFieldKind.Month => MonthNames, CronFieldKind.DayOfWeek => DayNames, _ => null };
        if (names is not null)
        {
            var index = Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0) return kind == CronFieldKind.Month ? index + 1 : index;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw Error(kind, field, CronText.Get(names is null ? "item.notNumber" : "item.notNumberOrName", text));
        if (value < min || value > max)
            throw Error(kind, field, CronText.Get("item.range", value, min, max));
        return value;
    }

    private static CronDaySpecial ParseSpecial(string text, CronFieldKind kind)
    {
        var upper = text.ToUpperInvariant();
        if (kind == CronFieldKind.DayOfMonth)
        {
            if (upper == "L") return new(CronDaySpecialKind.LastDayOfMonth);
            if (upper == "LW") return new(CronDaySpecialKind.LastWeekdayOfMonth);
            if (upper.StartsWith("L-", StringComparison.Ordinal))
            {
                if (upper.EndsWith('W')) throw Error(kind, text, CronText.Get("special.dayOfMonth"));
                if (!int.TryParse(upper[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) || offset > 30)
                    throw Error(kind, text, CronText.Get("special.lastOffset"));
                return new(CronDaySpecialKind.LastDayOfMonth, Offset: offset);
            }
            if (upper.EndsWith('W'))
            {
                var day = ParseValue(upper[..^1], kind, text);
                return new(CronDaySpecialKind.NearestWeekday, day);
            }
            if (upper.Contains('L') || upper.Contains('W'))
                throw Error(kind, text, CronText.Get("special.dayOfMonth"));
        }
        else if (kind == CronFieldKind.DayOfWeek)
        {
            var hash = upper.IndexOf('#');
            if (hash > 0)
            {
                var dow = ParseValue(upper[..hash], kind, text) % 7;
                if (!int.TryParse(upper[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var nth) || nth is < 1 or > 5)
                    throw Error(kind, text, CronText.Get("special.nth"));
                return new(CronDaySpecialKind.NthDayOfWeekInMonth, dow, nth);
            }
            if (upper.Length > 1 && upper.EndsWith('L'))
            {
                var dow = ParseValue(upper[..^1], kind, text) % 7;
                return new(CronDaySpecialKind.LastDayOfWeekInMonth, dow);
            }
            if (upper.Contains('L') && !DayNames.Any(n => upper.Contains(n, StringComparison.Ordinal)))
                throw Error(kind, text, CronText.Get("special.dayOfWeek"));
        }
        else if (upper.IndexOfAny(['L', 'W', '#']) >= 0 && kind != CronFieldKind.Month)
        {
            throw Error(kind, text, CronText.Get("special.onlyDays"));
        }
        return CronDaySpecial.None;
    }

    private static ulong RangeMask(int from, int to, int step)
    {
        ulong mask = 0;
        // long: a step near int.MaxValue must end the loop, not wrap round to small values.
        for (long v = from; v <= to; v += step) mask |= 1UL << (int)v;
        return mask;
    }

    private static CronFormatException Error(CronFieldKind kind, string field, string problem) =>
        new(CronText.Get("field.problem", CronText.Get("field." + kind.Label()), field, problem));
}
