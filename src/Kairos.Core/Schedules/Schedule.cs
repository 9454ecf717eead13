using Kairos.Cron;

namespace Kairos.Core.Schedules;

/// <summary>When a job is due: cron on a time zone's wall clock, filtered by a calendar's day rule and an optional window.</summary>
public sealed record Schedule(CronExpression Cron, TimeZoneInfo Zone, string? CalendarId = null, DayRule? Days = null, TimeWindow? Window = null)
{
    public const string DefaultTimeZone = "Asia/Seoul";

    /// <summary>The day rule; every day when none was given.</summary>
    public DayRule Rule => Days ?? DayRule.EveryDay;
}
