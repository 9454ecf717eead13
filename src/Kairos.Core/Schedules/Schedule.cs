using Kairos.Calendars;
using Kairos.Cron;

namespace Kairos.Core.Schedules;

/// <summary>
/// When a job is due: cron on a time zone's wall clock, filtered by a calendar's day rule and an optional window.
/// <paramref name="DateRule"/> is the job's own business-date rule; without one the calendar's applies.
/// </summary>
public sealed record Schedule(CronExpression Cron, TimeZoneInfo Zone, string? CalendarId = null, DayRule? Days = null, TimeWindow? Window = null,
    BusinessDateRule? DateRule = null)
{
    public const string DefaultTimeZone = "Asia/Seoul";

    /// <summary>The zone of <see cref="DefaultTimeZone"/>, for the wall-clock times of jobs without a schedule; looked up once.</summary>
    public static TimeZoneInfo DefaultZone => LazyDefaultZone.Value;

    private static readonly Lazy<TimeZoneInfo> LazyDefaultZone = new(() => TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZone));

    /// <summary>The day rule; every day when none was given.</summary>
    public DayRule Rule => Days ?? DayRule.EveryDay;

    /// <summary>The business-date rule in force: the job's own, else the calendar's, else days from midnight booked as they fall.</summary>
    public BusinessDateRule DateRuleOn(ICalendar? calendar) => DateRule ?? calendar?.DateRule ?? BusinessDateRule.Default;
}
