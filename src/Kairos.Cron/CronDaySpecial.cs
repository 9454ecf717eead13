namespace Kairos.Cron;

/// <summary>The one-of-a-kind day forms: <c>L</c>, <c>L-n</c>, <c>nW</c>, <c>LW</c> (day of month) and <c>dL</c>, <c>d#n</c> (day of week).</summary>
internal enum CronDaySpecialKind { None, LastDayOfMonth, NearestWeekday, LastWeekdayOfMonth, LastDayOfWeekInMonth, NthDayOfWeekInMonth }

internal readonly record struct CronDaySpecial(CronDaySpecialKind Kind, int Value = 0, int Offset = 0)
{
    public static readonly CronDaySpecial None = new(CronDaySpecialKind.None);

    public bool Matches(DateOnly day)
    {
        var daysInMonth = DateTime.DaysInMonth(day.Year, day.Month);
        switch (Kind)
        {
            case CronDaySpecialKind.LastDayOfMonth:
                return day.Day == daysInMonth - Offset;
            case CronDaySpecialKind.NearestWeekday:
                return Value <= daysInMonth && day.Day == NearestWeekday(day.Year, day.Month, Value);
            case CronDaySpecialKind.LastWeekdayOfMonth:
                return day.Day == NearestWeekday(day.Year, day.Month, daysInMonth);
            case CronDaySpecialKind.LastDayOfWeekInMonth:
                return (int)day.DayOfWeek == Value && day.Day + 7 > daysInMonth;
            case CronDaySpecialKind.NthDayOfWeekInMonth:
                return (int)day.DayOfWeek == Value && (day.Day - 1) / 7 + 1 == Offset;
            default:
                return false;
        }
    }

    // The weekday nearest the given day without leaving the month (Quartz and Cronos agree on this).
    private static int NearestWeekday(int year, int month, int day)
    {
        var dow = new DateOnly(year, month, day).DayOfWeek;
        var last = DateTime.DaysInMonth(year, month);
        return dow switch
        {
            DayOfWeek.Saturday => day == 1 ? 3 : day - 1,
            DayOfWeek.Sunday => day == last ? day - 2 : day + 1,
            _ => day,
        };
    }
}
