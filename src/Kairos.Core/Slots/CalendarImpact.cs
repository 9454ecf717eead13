using System.Globalization;
using Kairos.Calendars;
using Kairos.Core.Jobs;
using Kairos.Core.Reasons;
using Kairos.Core.Schedules;

namespace Kairos.Core.Slots;

/// <summary>
/// Which runnable slots a calendar change adds or removes within a horizon, every one of them: nothing is capped.
/// Only the months around the days whose business-day state changes are planned, so the cost follows the change,
/// not the horizon.
/// </summary>
/// <remarks>
/// A disappearing and an appearing slot of one job make a <b>move</b> when both stand for the same scheduled
/// occurrence: a slot shifted off a closed day stands for that day's occurrence (the cron's time on the closed day),
/// an nth-business-day slot for its month's occurrence at that time of day, any other slot for itself. So closing a
/// day moves a "next business day" slot to the next open day, and moves the month's first business day slot to the
/// new first business day; a plain business-day slot on a closed day just disappears. The pair is found within the
/// horizon only: a slot moved past its end counts as one that disappears.
/// </remarks>
public static class CalendarImpact
{
    public static IReadOnlyList<SlotChange> Compute(IEnumerable<Job> jobs, ICalendarSource before, ICalendarSource after, DateTimeOffset now, TimeSpan horizon)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<SlotChange>();
        foreach (var job in jobs)
        {
            if (job.Schedule is not { CalendarId: { } calendarId } schedule || schedule.Rule.Kind == DayRuleKind.EveryDay) continue;
            if (before.Find(calendarId) is not { } old || after.Find(calendarId) is not { } updated) continue;
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, schedule.Zone).DateTime);
            var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now + horizon, schedule.Zone).DateTime);
            var changed = new List<DateOnly>();
            for (var d = today; d <= last; d = d.AddDays(1)) if (old.IsBusinessDay(d) != updated.IsBusinessDay(d)) changed.Add(d);
            if (changed.Count == 0) continue;

            var gone = new List<PlannedSlot>();
            var added = new List<PlannedSlot>();
            foreach (var (from, to) in Windows(changed, schedule.Zone, now, now + horizon))
            {
                var was = SlotPlanner.Plan(job, old, from, to).Where(s => s.Runs).ToDictionary(s => s.Key);
                var will = SlotPlanner.Plan(job, updated, from, to).Where(s => s.Runs).ToDictionary(s => s.Key);
                gone.AddRange(was.Values.Where(s => !will.ContainsKey(s.Key)));
                added.AddRange(will.Values.Where(s => !was.ContainsKey(s.Key)));
            }
            changes.AddRange(Paired(job.Id, schedule, gone, added));
        }
        return changes.OrderBy(c => c.SlotTime).ThenBy(c => c.JobId, StringComparer.Ordinal).ThenBy(c => c.Appears).ToList();
    }

    // Matches each disappearing slot with an appearing one that stands for the same occurrence, earliest first.
    private static IEnumerable<SlotChange> Paired(string jobId, Schedule schedule, List<PlannedSlot> gone, List<PlannedSlot> added)
    {
        var waiting = added.OrderBy(s => s.Key.SlotTime).GroupBy(s => Occurrence(schedule, s)).ToDictionary(g => g.Key, g => new Queue<PlannedSlot>(g));
        var partners = new Dictionary<SlotKey, DateTimeOffset>();
        foreach (var slot in gone.OrderBy(s => s.Key.SlotTime))
        {
            if (!waiting.TryGetValue(Occurrence(schedule, slot), out var queue) || !queue.TryDequeue(out var match)) continue;
            partners[slot.Key] = match.Key.SlotTime;
            partners[match.Key] = slot.Key.SlotTime;
        }
        DateTimeOffset? Partner(PlannedSlot s) => partners.TryGetValue(s.Key, out var other) ? other : null;
        return gone.Select(s => new SlotChange(jobId, s.Key.SlotTime, s.BusinessDate, false, s.Why, Partner(s)))
            .Concat(added.Select(s => new SlotChange(jobId, s.Key.SlotTime, s.BusinessDate, true, s.Why, Partner(s))));
    }

    // The scheduled occurrence a runnable slot stands for, as a local wall-clock time.
    private static DateTime Occurrence(Schedule schedule, PlannedSlot slot)
    {
        var local = TimeZoneInfo.ConvertTime(slot.Key.SlotTime, schedule.Zone).DateTime;
        if (schedule.Rule.Kind == DayRuleKind.NthBusinessDay) return new DateTime(local.Year, local.Month, 1) + local.TimeOfDay;
        return slot.Why is { Code: ReasonCodes.MovedHereAsNext or ReasonCodes.MovedHereAsPrevious, Args: [ValueArg { Value: var closed }, ..] }
            && DateOnly.TryParseExact(closed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToDateTime(TimeOnly.FromTimeSpan(local.TimeOfDay))
            : local;
    }

    // The month of each changed day, a week either side (shifted slots cross month ends), merged and clamped.
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Windows(List<DateOnly> days, TimeZoneInfo zone, DateTimeOffset min, DateTimeOffset max)
    {
        DateTimeOffset At(DateOnly d) => new(d.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(d.ToDateTime(TimeOnly.MinValue)));
        var spans = days.Select(d => new DateOnly(d.Year, d.Month, 1)).Distinct()
            .Select(m => (From: At(m.AddDays(-7)), To: At(m.AddMonths(1).AddDays(7))))
            .OrderBy(s => s.From).ToList();
        var merged = new List<(DateTimeOffset From, DateTimeOffset To)>();
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.From <= merged[^1].To) merged[^1] = (merged[^1].From, span.To > merged[^1].To ? span.To : merged[^1].To);
            else merged.Add(span);
        }
        return merged.Select(s => (s.From < min ? min : s.From, s.To > max ? max : s.To)).Where(s => s.Item1 < s.Item2);
    }
}
