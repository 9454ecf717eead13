using Kairos.Calendars;
using Kairos.Core.Jobs;
using Kairos.Core.Schedules;

namespace Kairos.Core.Slots;

/// <summary>
/// Which runnable slots a calendar change adds or removes within a horizon. Only the months around the days whose
/// business-day state changes are planned, so the cost follows the change, not the horizon.
/// </summary>
public static class CalendarImpact
{
    public static IReadOnlyList<SlotChange> Compute(IEnumerable<Job> jobs, ICalendarSource before, ICalendarSource after, DateTimeOffset now, TimeSpan horizon, int maxPerJob = 500)
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

            var found = 0;
            foreach (var (from, to) in Windows(changed, schedule.Zone, now, now + horizon))
            {
                var was = SlotPlanner.Plan(job, old, from, to).Where(s => s.Runs).ToDictionary(s => s.Key);
                var will = SlotPlanner.Plan(job, updated, from, to).Where(s => s.Runs).ToDictionary(s => s.Key);
                foreach (var gone in was.Values.Where(s => !will.ContainsKey(s.Key)))
                    if (found++ < maxPerJob) changes.Add(new SlotChange(job.Id, gone.Key.SlotTime, gone.BusinessDate, false, gone.Detail));
                foreach (var added in will.Values.Where(s => !was.ContainsKey(s.Key)))
                    if (found++ < maxPerJob) changes.Add(new SlotChange(job.Id, added.Key.SlotTime, added.BusinessDate, true, added.Detail));
            }
        }
        return changes.OrderBy(c => c.SlotTime).ThenBy(c => c.JobId, StringComparer.Ordinal).ToList();
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
