using Kairos.Core.Reasons;

namespace Kairos.Core.Schedules;

/// <summary>Which days of the schedule's calendar a slot may run on.</summary>
public enum DayRuleKind
{
    /// <summary>Every day the cron allows; the calendar only names the business date.</summary>
    EveryDay,
    /// <summary>Only business days; a slot on another day is skipped or shifted (<see cref="HolidayShift"/>).</summary>
    BusinessDays,
    /// <summary>Only the Nth business day of each month (from the end when N is negative).</summary>
    NthBusinessDay,
}

/// <summary>What happens to a slot that falls on a non-business day under <see cref="DayRuleKind.BusinessDays"/>.</summary>
public enum HolidayShift
{
    /// <summary>The slot is skipped, with the day's name as the reason.</summary>
    Skip,
    /// <summary>The slot runs at the same wall-clock time on the next business day.</summary>
    NextBusinessDay,
    /// <summary>The slot runs at the same wall-clock time on the previous business day.</summary>
    PreviousBusinessDay,
}

/// <summary>A schedule's day rule: which days run, and what a non-business day does to a slot.</summary>
public sealed record DayRule(DayRuleKind Kind, int N = 0, HolidayShift Shift = HolidayShift.Skip)
{
    public static DayRule EveryDay { get; } = new(DayRuleKind.EveryDay);

    public static DayRule BusinessDays { get; } = new(DayRuleKind.BusinessDays);

    public static DayRule Shifted(HolidayShift shift) => new(DayRuleKind.BusinessDays, 0, shift);

    /// <summary>1 is the first business day of the month, -1 the last, -2 the one before the last.</summary>
    public static DayRule NthBusinessDay(int n) => n == 0
        ? throw new ArgumentOutOfRangeException(nameof(n), "1 is the first business day, -1 the last; 0 is neither")
        : new(DayRuleKind.NthBusinessDay, n);

    public static DayRule LastBusinessDay { get; } = NthBusinessDay(-1);

    /// <summary>"2 business days before month end": the business day 2 before the month's last (N = -3).</summary>
    public static DayRule BusinessDaysBeforeMonthEnd(int days) => NthBusinessDay(-(days + 1));

    public bool NeedsCalendar => Kind != DayRuleKind.EveryDay;

    /// <summary>The rule as a reason code, put into words where it is shown.</summary>
    public Reason Describe() => Kind switch
    {
        DayRuleKind.EveryDay => Reason.Of(ReasonCodes.EveryDay),
        DayRuleKind.BusinessDays => Shift switch
        {
            HolidayShift.NextBusinessDay => Reason.Of(ReasonCodes.BusinessDaysNext),
            HolidayShift.PreviousBusinessDay => Reason.Of(ReasonCodes.BusinessDaysPrevious),
            _ => Reason.Of(ReasonCodes.BusinessDays),
        },
        _ when N == -1 => Reason.Of(ReasonCodes.LastBusinessDay),
        _ when N < 0 => Reason.Of(ReasonCodes.BeforeLastBusinessDay, $"{-N - 1}"),
        _ => Reason.Of(ReasonCodes.NthBusinessDay, $"{N}"),
    };

    public override string ToString() => Describe().ToString();
}
