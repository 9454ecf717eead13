using Kairos.Calendars;
using Kairos.Core.Calendars;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Schedules;
using Kairos.Core.Slots;
using static Kairos.Core.Tests.Jobs;

namespace Kairos.Core.Tests;

/// <summary>What a calendar change does to the slots of the next 90 days, and how it is summed up per job.</summary>
public class CalendarImpactTests
{
    private static readonly CalendarSet Calendars = BuiltInCalendars.Default;
    private static readonly DateTimeOffset Now = Kst(2026, 11, 22);
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(90);

    private static CalendarSet Closed(params DateOnly[] days) => EffectiveOverrides.Apply(days.Select((d, i) =>
        new CalendarOverrideEntry("KR", d, OverrideAction.NonBusinessDay, "Temporary holiday", "임시공휴일", "op", Now, "test", null, i + 1)));

    private static readonly Job Daily = Every("0 9 * * *", "KR", DayRule.BusinessDays) with { Id = "daily" };
    private static readonly Job Monthly = Every("0 10 10 * *", "KR", DayRule.Shifted(HolidayShift.NextBusinessDay)) with { Id = "monthly" };

    [Fact]
    public void Compute_ClosingADay_ShiftedSlotMoves_PlainSlotDisappears()
    {
        var changes = CalendarImpact.Compute([Daily, Monthly], Calendars, Closed(new DateOnly(2026, 12, 10)), Now, Horizon);

        var daily = Assert.Single(changes, c => c.JobId == "daily");
        Assert.False(daily.Appears);
        Assert.False(daily.IsMove);
        var gone = Assert.Single(changes, c => c is { JobId: "monthly", Appears: false });
        var moved = Assert.Single(changes, c => c is { JobId: "monthly", Appears: true });
        Assert.Equal(Kst(2026, 12, 11, 10), gone.MovedWith);
        Assert.Equal(Kst(2026, 12, 10, 10), moved.MovedWith);

        var summary = ImpactSummary.Of(changes);
        Assert.Equal([new JobImpact("daily", 1, 0, 0), new JobImpact("monthly", 0, 0, 1)], summary.Jobs);
        Assert.Equal((1, 0, 1, 3), (summary.Disappear, summary.Appear, summary.Move, summary.SlotChanges));
    }

    [Fact]
    public void Compute_OpeningAClosedDay_MovesTheShiftedSlotBack_AndAddsThePlainOne()
    {
        var changes = CalendarImpact.Compute([Daily, Monthly], Closed(new DateOnly(2026, 12, 10)), Calendars, Now, Horizon);

        Assert.Equal([new JobImpact("daily", 0, 1, 0), new JobImpact("monthly", 0, 0, 1)], ImpactSummary.Of(changes).Jobs);
        var back = Assert.Single(changes, c => c is { JobId: "monthly", Appears: true });
        Assert.Equal(Kst(2026, 12, 10, 10), back.SlotTime);
        Assert.Equal(Kst(2026, 12, 11, 10), back.MovedWith);
    }

    [Fact]
    public void Compute_ClosingTheFirstBusinessDay_MovesTheMonthsFirstBusinessDaySlot()
    {
        // 2027-01-01 is New Year's Day and the 2nd and 3rd a weekend: the 4th is January's first business day until it closes.
        var first = Every("0 9 * * *", "KR", DayRule.NthBusinessDay(1)) with { Id = "first" };
        var changes = CalendarImpact.Compute([first], Calendars, Closed(new DateOnly(2027, 1, 4)), Now, Horizon);

        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.True(c.IsMove));
        Assert.Equal(Kst(2027, 1, 5, 9), Assert.Single(changes, c => !c.Appears).MovedWith);
        Assert.Equal(new JobImpact("first", 0, 0, 1), Assert.Single(ImpactSummary.Of(changes).Jobs));
    }

    [Fact]
    public void Compute_ClosingADayPastTheHorizon_ChangesNothing()
    {
        var changes = CalendarImpact.Compute([Daily, Monthly], Calendars, Closed(new DateOnly(2027, 3, 10)), Now, Horizon);
        Assert.Empty(changes);
        Assert.Equal(0, ImpactSummary.Of(changes).SlotChanges);
    }

    [Fact]
    public void Compute_AMinutelyJobOverTwoClosedDays_ListsEverySlot_NothingCapped()
    {
        var minutely = Every("* * * * *", "KR", DayRule.BusinessDays) with { Id = "minutely" };
        var shifted = Every("* 9-17 10,11 * *", "KR", DayRule.Shifted(HolidayShift.PreviousBusinessDay)) with { Id = "shifted" };
        var changes = CalendarImpact.Compute([minutely, shifted], Calendars, Closed(new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 11)), Now, Horizon);

        Assert.Equal(2 * 1440, changes.Count(c => c.JobId == "minutely"));
        // Both closed days shift onto the 9th at the same times of day, and one slot runs per instant: the 10th's
        // occurrences move, the 11th's have nowhere left to go.
        Assert.Equal(3 * 540, changes.Count(c => c.JobId == "shifted"));
        var summary = ImpactSummary.Of(changes);
        Assert.Equal([new JobImpact("minutely", 2880, 0, 0), new JobImpact("shifted", 540, 0, 540)], summary.Jobs);
        Assert.Equal(changes.Count, summary.SlotChanges);
    }
}
