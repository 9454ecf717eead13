namespace Kairos.Cron;

public sealed partial class CronExpression
{
    // Searches a whole Gregorian cycle (400 years, after which dates and weekdays repeat) before calling an expression
    // impossible: 29 February on a Monday (MON#5 in February) can be 40 years away, as century years are not leap years.
    private const int SearchYears = 400;

    /// <summary>True when the expression allows this calendar day.</summary>
    public bool MatchesDay(DateOnly day)
    {
        if (!_months.Contains(day.Month)) return false;
        var dom = _daysOfMonth.Special.Kind != CronDaySpecialKind.None
            ? _daysOfMonth.Special.Matches(day)
            : _daysOfMonth.Contains(day.Day);
        var dow = _daysOfWeek.Special.Kind != CronDaySpecialKind.None
            ? _daysOfWeek.Special.Matches(day)
            : _daysOfWeek.Contains((int)day.DayOfWeek);
        // Vixie cron: when both day fields are restricted, either one matching is enough.
        if (!_daysOfMonth.IsUnrestricted && !_daysOfWeek.IsUnrestricted) return dom || dow;
        return dom && dow;
    }

    /// <summary>The first wall-clock time at or after <paramref name="start"/> (whole seconds) that matches, or null.</summary>
    internal DateTime? NextWallClock(DateTime start)
    {
        var day = DateOnly.FromDateTime(start);
        var time = start.TimeOfDay;
        var limit = day.Year > DateOnly.MaxValue.Year - SearchYears ? DateOnly.MaxValue : day.AddYears(SearchYears);
        var fromSecond = (int)time.TotalSeconds;
        while (day <= limit)
        {
            if (!_months.Contains(day.Month))
            {
                var nextMonth = _months.NextAtOrAfter(day.Month + 1);
                if (nextMonth < 0 && day.Year == DateOnly.MaxValue.Year) return null;
                day = nextMonth < 0 ? new DateOnly(day.Year + 1, _months.First, 1) : new DateOnly(day.Year, nextMonth, 1);
                fromSecond = 0;
                continue;
            }
            if (MatchesDay(day))
            {
                var second = NextTimeOfDay(fromSecond);
                if (second >= 0) return day.ToDateTime(TimeOnly.MinValue).AddSeconds(second);
            }
            if (day == DateOnly.MaxValue) return null;
            day = day.AddDays(1);
            fromSecond = 0;
        }
        return null;
    }

    // Seconds since midnight of the first matching time of day at or after fromSecond, or -1.
    private int NextTimeOfDay(int fromSecond)
    {
        var h = fromSecond / 3600;
        var m = fromSecond / 60 % 60;
        var s = fromSecond % 60;
        for (var hour = _hours.NextAtOrAfter(h); hour >= 0; hour = _hours.NextAtOrAfter(hour + 1))
        {
            var minuteFrom = hour == h ? m : 0;
            for (var minute = _minutes.NextAtOrAfter(minuteFrom); minute >= 0; minute = _minutes.NextAtOrAfter(minute + 1))
            {
                var second = _seconds.NextAtOrAfter(hour == h && minute == m ? s : 0);
                if (second >= 0 && second < 60) return hour * 3600 + minute * 60 + second;
            }
        }
        return -1;
    }
}
