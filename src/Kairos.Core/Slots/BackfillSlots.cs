using Kairos.Calendars;
using Kairos.Core.Jobs;

namespace Kairos.Core.Slots;

/// <summary>The slots a backfill of business dates covers: what the schedule would have run for each date in the range.</summary>
public static class BackfillSlots
{
    /// <summary>More than this in one backfill is refused: a typo in a year should not queue ten thousand runs.</summary>
    public const int MaxSlots = 1000;

    /// <summary>
    /// The business dates a backfill may name. Beyond them lie only typos, and dates near the ends of the calendar
    /// that the cron and zone arithmetic cannot step past.
    /// </summary>
    public static readonly DateOnly FirstDate = new(1900, 1, 1);

    /// <inheritdoc cref="FirstDate"/>
    public static readonly DateOnly LastDate = new(2999, 12, 31);

    // A slot moved to the next or previous business day can sit up to a long holiday away from its business date.
    private static readonly TimeSpan ShiftMargin = TimeSpan.FromDays(14);

    /// <summary>Slots that run, with a business date in [<paramref name="from"/>, <paramref name="to"/>], in time order; at most <see cref="MaxSlots"/> + 1.</summary>
    public static IReadOnlyList<PlannedSlot> Between(Job job, ICalendar? calendar, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Schedule is not { } schedule) return [];
        if (from < FirstDate) from = FirstDate;
        if (to > LastDate) to = LastDate;
        if (from > to) return [];
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), schedule.Zone.GetUtcOffset(from.ToDateTime(TimeOnly.MinValue))) - ShiftMargin;
        var end = new DateTimeOffset(to.ToDateTime(TimeOnly.MaxValue), schedule.Zone.GetUtcOffset(to.ToDateTime(TimeOnly.MaxValue))) + ShiftMargin;
        return SlotPlanner.Plan(job, calendar, start, end)
            .Where(s => s.Runs && s.BusinessDate >= from && s.BusinessDate <= to)
            .Take(MaxSlots + 1)
            .ToList();
    }
}
