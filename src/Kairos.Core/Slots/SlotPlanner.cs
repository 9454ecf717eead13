using Kairos.Calendars;
using Kairos.Core.Jobs;
using Kairos.Core.Reasons;
using Kairos.Core.Runs;
using Kairos.Core.Schedules;

namespace Kairos.Core.Slots;

/// <summary>Turns a job's schedule into slots. No clock, no store: everything it needs is an argument.</summary>
public static partial class SlotPlanner
{
    // Shifted slots are planned in chunks so that an open-ended "next N slots" query stays lazy.
    private static readonly TimeSpan ShiftChunk = TimeSpan.FromDays(31);
    private static readonly TimeSpan NextHorizon = TimeSpan.FromDays(366 * 10);

    /// <summary>Slots in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>], in time order.</summary>
    public static IEnumerable<PlannedSlot> Plan(Job job, ICalendar? calendar, DateTimeOffset fromExclusive, DateTimeOffset toInclusive)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Schedule is not { } schedule) return [];
        var shifts = calendar is not null && schedule.Rule is { Kind: DayRuleKind.BusinessDays, Shift: not HolidayShift.Skip };
        return shifts ? PlanShifted(job.Id, schedule, calendar!, fromExclusive, toInclusive) : PlanOccurrences(job.Id, schedule, calendar, fromExclusive, toInclusive);
    }

    /// <summary>The next <paramref name="count"/> slots after <paramref name="fromExclusive"/>, skipped ones included, within ten years.</summary>
    public static IEnumerable<PlannedSlot> Next(Job job, ICalendar? calendar, DateTimeOffset fromExclusive, int count) =>
        Plan(job, calendar, fromExclusive, fromExclusive + NextHorizon).Take(count);

    private static IEnumerable<PlannedSlot> PlanOccurrences(string jobId, Schedule schedule, ICalendar? calendar, DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var occurrence in schedule.Cron.GetOccurrences(from, to, schedule.Zone))
        {
            if (Classify(jobId, schedule, calendar, occurrence) is { } slot) yield return slot;
        }
    }

    private static IEnumerable<PlannedSlot> PlanShifted(string jobId, Schedule schedule, ICalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        for (var start = from; start < to; start += ShiftChunk)
        {
            var end = start + ShiftChunk < to ? start + ShiftChunk : to;
            var slots = PlanOccurrences(jobId, schedule, calendar, start, end).ToList();
            var taken = slots.Select(s => s.Key).ToHashSet();
            // A slot moved onto a time the cron already has merges with it: one run per (job, slot time).
            slots.AddRange(MovedInto(jobId, schedule, calendar, start, end).Where(s => taken.Add(s.Key)));
            foreach (var slot in slots.OrderBy(s => s.Key.SlotTime)) yield return slot;
        }
    }

    private static PlannedSlot? Classify(string jobId, Schedule schedule, ICalendar? calendar, DateTimeOffset occurrence)
    {
        var local = TimeZoneInfo.ConvertTime(occurrence, schedule.Zone);
        var key = new SlotKey(jobId, occurrence.ToUniversalTime());
        // The day rule judges the order day (the day the slot belongs to after the new-day time); the business date
        // is that day, or for work on a closed day, the business day the rule books it to.
        var dates = schedule.DateRuleOn(calendar);
        var date = dates.OrderDay(local.DateTime);
        if (schedule.Window is { } window && !window.Contains(TimeOnly.FromDateTime(local.DateTime))) return null;
        if (calendar is null) return new PlannedSlot(key, date);
        var rule = schedule.Rule;
        switch (rule.Kind)
        {
            case DayRuleKind.NthBusinessDay:
                return IsNthBusinessDay(calendar, date, rule.N) ? new PlannedSlot(key, date) : null;
            case DayRuleKind.BusinessDays when !calendar.IsBusinessDay(date):
                var why = Reason.Of(ReasonCodes.NotBusinessDay, $"{date:yyyy-MM-dd}", calendar.Id, ClosedDayName(calendar, date));
                if (rule.Shift == HolidayShift.Skip) return new PlannedSlot(key, date, SkipReason.NotBusinessDay, why);
                var target = rule.Shift == HolidayShift.NextBusinessDay ? calendar.NextBusinessDay(date) : calendar.PreviousBusinessDay(date);
                var movedLocal = dates.DayStart(target) + (local.DateTime - dates.DayStart(date));
                return new PlannedSlot(key, date, SkipReason.Moved, Reason.Of(ReasonCodes.MovedTo, why, $"{movedLocal:yyyy-MM-dd HH:mm:ss}"));
            default:
                return new PlannedSlot(key, dates.BusinessDateOf(date, calendar));
        }
    }

    private static bool IsNthBusinessDay(ICalendar calendar, DateOnly date, int n)
    {
        if (calendar is BusinessCalendar fast) return fast.NthBusinessDayOfMonth(date.Year, date.Month, n) == date;
        if (!calendar.IsBusinessDay(date)) return false;
        var step = n > 0 ? -1 : 1;
        var count = 1;
        for (var d = date.AddDays(step); d.Month == date.Month; d = d.AddDays(step)) if (calendar.IsBusinessDay(d)) count++;
        return count == Math.Abs(n);
    }

    private static NameArg ClosedDayName(ICalendar calendar, DateOnly day) =>
        calendar.NonBusinessDayNames(day) is { } names ? new NameArg(names.English, names.Korean) : new NameArg("", "");
}
