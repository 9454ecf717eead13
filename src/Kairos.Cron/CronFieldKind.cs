namespace Kairos.Cron;

internal enum CronFieldKind { Second, Minute, Hour, DayOfMonth, Month, DayOfWeek }

internal static class CronFieldKinds
{
    public static (int Min, int Max) Bounds(this CronFieldKind kind) => kind switch
    {
        CronFieldKind.Second or CronFieldKind.Minute => (0, 59),
        CronFieldKind.Hour => (0, 23),
        CronFieldKind.DayOfMonth => (1, 31),
        CronFieldKind.Month => (1, 12),
        CronFieldKind.DayOfWeek => (0, 7),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Label(this CronFieldKind kind) => kind switch
    {
        CronFieldKind.Second => "second",
        CronFieldKind.Minute => "minute",
        CronFieldKind.Hour => "hour",
        CronFieldKind.DayOfMonth => "day-of-month",
        CronFieldKind.Month => "month",
        _ => "day-of-week",
    };
}
