using Kairos.Calendars;
using Kairos.Core.Reasons;
using Kairos.Core.Schedules;

namespace Kairos.Core.Slots;

// Slots moved off non-business days. Rather than scanning every earlier or later occurrence, each business day in the
// window asks which non-business days shift onto it (the run of closed days just before it, or just after it) and reads
// the cron only for the part of those days that lands inside the window: the work is proportional to the window.
public static partial class SlotPlanner
{
    private const int MaxClosedRun = 60;

    private static IEnumerable<PlannedSlot> MovedInto(string jobId, Schedule schedule, ICalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        var zone = schedule.Zone;
        var dates = schedule.DateRuleOn(calendar);
        var localFrom = TimeZoneInfo.ConvertTime(from, zone).DateTime;
        var localTo = TimeZoneInfo.ConvertTime(to, zone).DateTime;
        var forward = schedule.Rule.Shift == HolidayShift.NextBusinessDay;
        // Days here are order days: each starts at the rule's new-day time, midnight unless the calendar or job says otherwise.
        for (var day = dates.OrderDay(localFrom); day <= dates.OrderDay(localTo); day = day.AddDays(1))
        {
            if (!calendar.IsBusinessDay(day)) continue;
            var start = dates.DayStart(day);
            var partFrom = localFrom > start ? localFrom - start : TimeSpan.Zero;
            var partTo = localTo < start.AddDays(1) ? localTo - start : TimeSpan.FromDays(1);
            for (var i = 1; i <= MaxClosedRun; i++)
            {
                var closed = day.AddDays(forward ? -i : i);
                if (calendar.IsBusinessDay(closed)) break;
                var closedStart = dates.DayStart(closed);
                // One tick before the part's start: the cron's range excludes its start, and a slot at the very start of
                // the closed day (00:00) must move too. Anything at or before the window's start is dropped below.
                var occurrences = schedule.Cron.GetOccurrences(ToInstant(closedStart + partFrom, zone).AddTicks(-1), ToInstant(closedStart + partTo, zone), zone);
                foreach (var occurrence in occurrences)
                {
                    var local = TimeZoneInfo.ConvertTime(occurrence, zone).DateTime;
                    if (dates.OrderDay(local) != closed) continue;
                    if (schedule.Window is { } window && !window.Contains(TimeOnly.FromDateTime(local))) continue;
                    var moved = ToInstant(start + (local - closedStart), zone);
                    if (moved <= from || moved > to) continue;
                    yield return new PlannedSlot(new SlotKey(jobId, moved.ToUniversalTime()), day, null,
                        Reason.Of(forward ? ReasonCodes.MovedHereAsNext : ReasonCodes.MovedHereAsPrevious, $"{closed:yyyy-MM-dd}", ClosedDayName(calendar, closed)));
                }
            }
        }
    }

    /// <summary>A wall-clock time as an instant: a time in a spring-forward gap moves past it; a repeated time takes its first pass.</summary>
    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
