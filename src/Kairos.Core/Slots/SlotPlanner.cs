using Kairos.Calendars;
using Kairos.Core.Jobs;
using Kairos.Core.Runs;
using Kairos.Core.Schedules;

namespace Kairos.Core.Slots;

/// <summary>Turns a job's schedule into slots. No clock, no store: everything it needs is an argument.</summary>
public static class SlotPlanner
{
    /// <summary>Slots in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>], in time order.</summary>
    public static IEnumerable<PlannedSlot> Plan(Job job, ICalendar? calendar, DateTimeOffset fromExclusive, DateTimeOffset toInclusive)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Schedule is not { } schedule) yield break;
        foreach (var occurrence in schedule.Cron.GetOccurrences(fromExclusive, toInclusive, schedule.Zone))
        {
            if (Classify(job.Id, schedule, calendar, occurrence) is { } slot) yield return slot;
        }
    }

    /// <summary>The next <paramref name="count"/> slots after <paramref name="fromExclusive"/>, skipped ones included.</summary>
    public static IEnumerable<PlannedSlot> Next(Job job, ICalendar? calendar, DateTimeOffset fromExclusive, int count) =>
        Plan(job, calendar, fromExclusive, DateTimeOffset.MaxValue.AddYears(-1)).Take(count);

    private static PlannedSlot? Classify(string jobId, Schedule schedule, ICalendar? calendar, DateTimeOffset occurrence)
    {
        var local = TimeZoneInfo.ConvertTime(occurrence, schedule.Zone);
        var key = new SlotKey(jobId, occurrence.ToUniversalTime());
        var date = DateOnly.FromDateTime(local.DateTime);
        if (schedule.Window is { } window && !window.Contains(TimeOnly.FromDateTime(local.DateTime))) return null;
        if (calendar is not null && schedule.Days == DayRule.BusinessDays && !calendar.IsBusinessDay(date))
            return new PlannedSlot(key, date, SkipReason.NotBusinessDay, $"{date:yyyy-MM-dd} is not a business day on {calendar.Id}: {calendar.NonBusinessReason(date)}");
        return new PlannedSlot(key, date);
    }
}
