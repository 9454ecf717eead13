using Kairos.Calendars;
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
        var localFrom = TimeZoneInfo.ConvertTime(from, zone).DateTime;
        var localTo = TimeZoneInfo.ConvertTime(to, zone).DateTime;
        var forward = schedule.Rule.Shift == HolidayShift.NextBusinessDay;
        for (var day = DateOnly.FromDateTime(localFrom); day <= DateOnly.FromDateTime(localTo); day = day.AddDays(1))
        {
            if (!calendar.IsBusinessDay(day)) continue;
            var midnight = day.ToDateTime(TimeOnly.MinValue);
            var partFrom = localFrom > midnight ? localFrom - midnight : TimeSpan.Zero;
            var partTo = localTo < midnight.AddDays(1) ? localTo - midnight : TimeSpan.FromDays(1);
            for (var i = 1; i <= MaxClosedRun; i++)
            {
                var closed = day.AddDays(forward ? -i : i);
                if (calendar.IsBusinessDay(closed)) break;
                var closedMidnight = closed.ToDateTime(TimeOnly.MinValue);
                var occurrences = schedule.Cron.GetOccurrences(ToInstant(closedMidnight + partFrom, zone), ToInstant(closedMidnight + partTo, zone), zone);
                foreach (var occurrence in occurrences)
                {
                    var local = TimeZoneInfo.ConvertTime(occurrence, zone).DateTime;
                    if (DateOnly.FromDateTime(local) != closed) continue;
                    if (schedule.Window is { } window && !window.Contains(TimeOnly.FromDateTime(local))) continue;
                    var moved = ToInstant(midnight + local.TimeOfDay, zone);
                    if (moved <= from || moved > to) continue;
                    yield return new PlannedSlot(new SlotKey(jobId, moved.ToUniversalTime()), day, null,
                        CoreText.Get(forward ? "slot.movedFromNext" : "slot.movedFromPrevious", $"{closed:yyyy-MM-dd}", calendar.DescribeNonBusinessDay(closed)));
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
