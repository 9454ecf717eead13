using Kairos.Calendars;
using Kairos.Core.Calendars;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Schedules;
using Kairos.Core.Slots;
using static Kairos.Core.Tests.Jobs;
using Kairos.Core.Reasons;

namespace Kairos.Core.Tests;

/// <summary>Business-day schedules against the real Korean calendars, around Chuseok 2026 (24-26 September) and year end.</summary>
public class BusinessDayRuleTests
{
    private static readonly CalendarSet Calendars = BuiltInCalendars.Default;
    private static BusinessCalendar Kr => Calendars.Get("KR")!;

    [Fact]
    public void BusinessDays_SkipsChuseok_NamingIt()
    {
        var slots = SlotPlanner.Plan(Every("0 9 * * *", "KR", DayRule.BusinessDays), Kr, Kst(2026, 9, 23, 12), Kst(2026, 9, 28, 12)).ToList();
        Assert.Equal([false, false, false, false, true], slots.Select(s => s.Runs)); // 24, 25, 26 (Chuseok, Sat), 27 (Sun), 28
        Assert.Equal(SkipReason.NotBusinessDay, slots[1].Skip);
        Assert.Equal(Reason.Of(ReasonCodes.NotBusinessDay, "2026-09-25", "KR", new NameArg("Chuseok (추석)", "추석")), slots[1].Why);
    }

    [Fact]
    public void ShiftNext_MovesAHolidaySlotToTheNextBusinessDay_AtTheSameTime()
    {
        // The 25th of each month at 10:00; 2026-09-25 is Chuseok, so the run moves to Monday the 28th at 10:00.
        var job = Every("0 10 25 * *", "KR", DayRule.Shifted(HolidayShift.NextBusinessDay));
        var slots = SlotPlanner.Plan(job, Kr, Kst(2026, 9, 1), Kst(2026, 10, 31)).ToList();
        var moved = Assert.Single(slots, s => s.Key.SlotTime == Kst(2026, 9, 28, 10));
        Assert.True(moved.Runs);
        Assert.Equal(new DateOnly(2026, 9, 28), moved.BusinessDate);
        Assert.Equal(Reason.Of(ReasonCodes.MovedHereAsNext, "2026-09-25", new NameArg("Chuseok (추석)", "추석")), moved.Why);
        var original = Assert.Single(slots, s => s.Key.SlotTime == Kst(2026, 9, 25, 10));
        Assert.Equal(SkipReason.Moved, original.Skip);
        Assert.Equal(ReasonCodes.MovedTo, original.Why!.Code);
        Assert.Equal("2026-09-28 10:00:00", Assert.IsType<ValueArg>(original.Why.Args[1]).Value);
        Assert.Contains(slots, s => s.Key.SlotTime == Kst(2026, 10, 26, 10) && s.Runs); // 2026-10-25 is a Sunday
        Assert.Equal(slots.OrderBy(s => s.Key.SlotTime).Select(s => s.Key), slots.Select(s => s.Key));
    }

    [Theory]
    [InlineData(HolidayShift.NextBusinessDay, 28)]
    [InlineData(HolidayShift.PreviousBusinessDay, 23)]
    public void Shift_ASlotAtMidnightOfAClosedDay_MovesToo(HolidayShift shift, int day)
    {
        // 2026-09-25 00:00 is the first instant of Chuseok: it moves to 00:00 of the 28th (or the 23rd) like any other time.
        var job = Every("0 0 25 * *", "KR", DayRule.Shifted(shift));
        var slots = SlotPlanner.Plan(job, Kr, Kst(2026, 9, 1), Kst(2026, 9, 30)).ToList();
        var moved = Assert.Single(slots, s => s.Runs);
        Assert.Equal((Kst(2026, 9, day), new DateOnly(2026, 9, day)), (moved.Key.SlotTime, moved.BusinessDate));
        Assert.Equal(Kst(2026, 9, 25), Assert.Single(slots, s => !s.Runs).Key.SlotTime);
    }

    [Fact]
    public void ShiftPrevious_MovesBackward_EvenAcrossThePlanningWindowEdge()
    {
        var job = Every("0 10 25 * *", "KR", DayRule.Shifted(HolidayShift.PreviousBusinessDay));
        // Planning only Wednesday 23 September must already produce the slot moved back from Friday the 25th.
        var slots = SlotPlanner.Plan(job, Kr, Kst(2026, 9, 23), Kst(2026, 9, 23, 23, 59)).ToList();
        var moved = Assert.Single(slots);
        Assert.Equal(Kst(2026, 9, 23, 10), moved.Key.SlotTime);
        Assert.True(moved.Runs);
    }

    [Fact]
    public void Shifted_PlannedInSmallWindows_EqualsPlannedAtOnce()
    {
        var job = Every("0 30 9 * * *", "KRX", DayRule.Shifted(HolidayShift.NextBusinessDay));
        var krx = Calendars.Get("KRX")!;
        var whole = SlotPlanner.Plan(job, krx, Kst(2026, 9, 20), Kst(2026, 10, 12)).Select(s => (s.Key, s.Runs)).ToList();
        var pieces = new List<(SlotKey, bool)>();
        for (var t = Kst(2026, 9, 20); t < Kst(2026, 10, 12); t = t.AddHours(7))
            pieces.AddRange(SlotPlanner.Plan(job, krx, t, t.AddHours(7) < Kst(2026, 10, 12) ? t.AddHours(7) : Kst(2026, 10, 12)).Select(s => (s.Key, s.Runs)));
        Assert.Equal(whole, pieces);
        Assert.Equal(whole.Count, whole.Distinct().Count());
    }

    [Theory]
    [InlineData(1, 2026, 10, 1)]
    [InlineData(3, 2026, 10, 6)]   // 1 and 2 Oct, then the weekend (개천절 on Saturday) and its substitute on Monday the 5th
    [InlineData(-1, 2026, 10, 30)]
    [InlineData(-3, 2026, 10, 28)]
    public void NthBusinessDay_RunsOnlyOnThatDay(int n, int y, int m, int expectedDay)
    {
        var job = Every("0 8 * * *", "KR", DayRule.NthBusinessDay(n));
        var slots = SlotPlanner.Plan(job, Kr, Kst(y, m, 1), Kst(y, m + 1, 1)).ToList();
        var only = Assert.Single(slots);
        Assert.Equal(Kst(y, m, Kr.NthBusinessDayOfMonth(y, m, n)!.Value.Day, 8), only.Key.SlotTime);
        Assert.Equal(new DateOnly(y, m, expectedDay), only.BusinessDate);
    }

    [Fact]
    public void BusinessDaysBeforeMonthEnd_IsCountedFromTheLastBusinessDay()
    {
        // December 2026 on KRX: last trading day is the 30th (the 31st is the year-end closing); 2 before it is the 28th.
        var job = Every("0 16 * * *", "KRX", DayRule.BusinessDaysBeforeMonthEnd(2));
        var only = Assert.Single(SlotPlanner.Plan(job, Calendars.Get("KRX"), Kst(2026, 12, 1), Kst(2027, 1, 1)));
        Assert.Equal(new DateOnly(2026, 12, 28), only.BusinessDate);
    }

    [Fact]
    public void Impact_OfATemporaryHoliday_ListsTheSlotsThatDisappearAndMove()
    {
        var daily = Every("0 9 * * *", "KR", DayRule.BusinessDays) with { Id = "daily" };
        var monthly = Every("0 10 10 * *", "KR", DayRule.Shifted(HolidayShift.NextBusinessDay)) with { Id = "monthly" };
        var everyDay = Every("0 9 * * *", "KR") with { Id = "every-day" };
        var history = new[] { new CalendarOverrideEntry("KR", new DateOnly(2026, 12, 10), OverrideAction.NonBusinessDay, "Temporary holiday", "임시공휴일", "op", Kst(2026, 11, 22), "test", null, 1) };
        var after = EffectiveOverrides.Apply(history);
        var changes = CalendarImpact.Compute([daily, monthly, everyDay], Calendars, after, Kst(2026, 11, 22), TimeSpan.FromDays(90));
        Assert.Contains(changes, c => c is { JobId: "daily", Appears: false } && c.BusinessDate == new DateOnly(2026, 12, 10));
        Assert.Contains(changes, c => c is { JobId: "monthly", Appears: false } && c.SlotTime == Kst(2026, 12, 10, 10));
        Assert.Contains(changes, c => c is { JobId: "monthly", Appears: true } && c.SlotTime == Kst(2026, 12, 11, 10));
        Assert.DoesNotContain(changes, c => c.JobId == "every-day");
        Assert.Equal(3, changes.Count);
    }

    [Fact]
    public void EffectiveOverrides_LatestEntryWins_AndRevertRemoves()
    {
        OverrideAction[] actions = [OverrideAction.NonBusinessDay, OverrideAction.BusinessDay, OverrideAction.Revert];
        var day = new DateOnly(2026, 12, 10);
        var history = actions.Select((a, i) => new CalendarOverrideEntry("KR", day, a, "x", "x", "op", Kst(2026, 11, 22), "r", null, i + 1)).ToList();
        Assert.False(EffectiveOverrides.Apply(history.Take(1)).Get("KR")!.IsBusinessDay(day));
        Assert.True(EffectiveOverrides.Apply(history.Take(2)).Get("KR")!.IsBusinessDay(day));
        Assert.Empty(EffectiveOverrides.From(history));
        Assert.False(EffectiveOverrides.Apply(history.Take(1)).Get("KRX")!.IsBusinessDay(day)); // KR's override reaches KRX
    }
}

public class DayRuleDefinitionTests
{
    private static IReadOnlyList<(string Field, string Message)> Errors(Client.Contracts.ScheduleDefinition schedule) =>
        new Definitions.JobValidator(BuiltInCalendars.Default).Validate(new Client.Contracts.JobDefinition
        {
            Id = "j", Schedule = schedule, Action = new Client.Contracts.ActionDefinition { Noop = true },
        }).Errors;

    [Fact]
    public void DayRules_ParseFromTheSchema()
    {
        var (job, _) = new Definitions.JobValidator(BuiltInCalendars.Default).Validate(new Client.Contracts.JobDefinition
        {
            Id = "j", Action = new Client.Contracts.ActionDefinition { Noop = true },
            Schedule = new() { Cron = "0 9 * * *", Calendar = "krx", Days = "business-days-before-month-end", N = 2 },
        });
        Assert.Equal(DayRule.NthBusinessDay(-3), job!.Schedule!.Rule);
        Assert.Equal("KRX", job.Schedule.CalendarId);
    }

    [Fact]
    public void DayRules_BadCombinations_NameTheField()
    {
        Assert.Equal(["schedule.n"], Errors(new() { Cron = "0 9 * * *", Calendar = "KR", Days = "nth-business-day" }).Select(e => e.Field));
        Assert.Equal(["schedule.n"], Errors(new() { Cron = "0 9 * * *", Calendar = "KR", Days = "nth-business-day", N = 0 }).Select(e => e.Field));
        Assert.Equal(["schedule.onHoliday"], Errors(new() { Cron = "0 9 * * *", Calendar = "KR", Days = "last-business-day", OnHoliday = "next-business-day" }).Select(e => e.Field));
        Assert.Equal(["schedule.onHoliday"], Errors(new() { Cron = "0 9 * * *", Calendar = "KR", Days = "business-days", OnHoliday = "tomorrow" }).Select(e => e.Field));
        Assert.Equal(["schedule.days"], Errors(new() { Cron = "0 9 * * *", Days = "last-business-day" }).Select(e => e.Field));
        var unknown = Errors(new() { Cron = "0 9 * * *", Calendar = "NYSE", Days = "business-days" });
        Assert.Contains("KR-BANK", Assert.Single(unknown).Message, StringComparison.Ordinal);
    }
}
