namespace Kairos.Core.Schedules;

/// <summary>Which days of the schedule's calendar a slot may run on.</summary>
public enum DayRule
{
    /// <summary>Every day the cron allows; the calendar only names the business date.</summary>
    EveryDay,
    /// <summary>Only business days; a slot on another day is skipped with the day's reason.</summary>
    BusinessDays,
}
