using Kairos.Calendars;
using Kairos.Core.Jobs;
using Kairos.Core.Reasons;
using Kairos.Core.Schedules;
using Kairos.Core.Slots;
using static Kairos.Core.Tests.Jobs;

namespace Kairos.Core.Tests;

/// <summary>
/// Issue 17 item 12 in the planner: weekend work booked to a business day, and a business day that starts at 06:00.
/// 2026-11-28/29 is a weekend; 2026-09-24..26 Chuseok (Thursday to Saturday).
/// </summary>
public sealed class BusinessDateRuleSlotTests
{
    private static readonly BusinessCalendar Bank = BuiltInCalendars.Default.Get("KR-BANK")!;
    private static readonly BusinessDateRule Night = new(new TimeOnly(6, 0));

    [Fact]
    public void EveryDay_OnABankCalendar_BooksWeekendWorkToMonday_ByDefault()
    {
        var slots = SlotPlanner.Plan(Every("0 10 * * *", "KR-BANK"), Bank, Kst(2026, 11, 27), Kst(2026, 11, 30, 23)).ToList();
        Assert.Equal(["2026-11-27", "2026-11-30", "2026-11-30", "2026-11-30"], slots.Select(s => s.BusinessDate.ToString("yyyy-MM-dd")));
        Assert.All(slots, s => Assert.True(s.Runs));
    }

    [Theory]
    [InlineData(ClosedDayBooking.PreviousBusinessDay, "2026-11-27")]
    [InlineData(ClosedDayBooking.CalendarDay, "2026-11-28")]
    public void EveryDay_TheJobsOwnRule_BooksSaturdayAsItSays(ClosedDayBooking booking, string saturdayDate)
    {
        var job = WithRule(Every("0 10 * * *", "KR-BANK"), new BusinessDateRule(ClosedDays: booking));
        var saturday = Assert.Single(SlotPlanner.Plan(job, Bank, Kst(2026, 11, 28), Kst(2026, 11, 28, 23)));
        Assert.Equal(saturdayDate, saturday.BusinessDate.ToString("yyyy-MM-dd"));
    }

    [Fact]
    public void TheCalendarsRule_AppliesWhenTheJobHasNone()
    {
        var calendar = Bank.WithConventions(new BusinessDateRule(ClosedDays: ClosedDayBooking.CalendarDay), "Asia/Seoul");
        var saturday = Assert.Single(SlotPlanner.Plan(Every("0 10 * * *", "KR-BANK"), calendar, Kst(2026, 11, 28), Kst(2026, 11, 28, 23)));
        Assert.Equal(new DateOnly(2026, 11, 28), saturday.BusinessDate);
    }

    [Fact]
    public void NewDayAt_ANightRunBelongsToTheDayBefore()
    {
        // 01:30 each night: Tuesday's belongs to Monday; Monday's to Sunday, booked to Monday as weekend work.
        var job = WithRule(Every("30 1 * * *", "KR-BANK"), Night);
        var slots = SlotPlanner.Plan(job, Bank, Kst(2026, 11, 30), Kst(2026, 12, 2, 5)).ToList();
        Assert.Equal([Kst(2026, 11, 30, 1, 30), Kst(2026, 12, 1, 1, 30), Kst(2026, 12, 2, 1, 30)], slots.Select(s => s.Key.SlotTime));
        Assert.Equal(["2026-11-30", "2026-11-30", "2026-12-01"], slots.Select(s => s.BusinessDate.ToString("yyyy-MM-dd")));
    }

    [Fact]
    public void NewDayAt_BusinessDaysAreJudgedOnTheOrderDay()
    {
        // A business-days job at 01:30 with the day starting at 06:00: Saturday 01:30 is Friday's work and runs;
        // Monday 01:30 is Sunday's and is skipped, naming Sunday.
        var job = WithRule(Every("30 1 * * *", "KR-BANK", DayRule.BusinessDays), Night);
        var slots = SlotPlanner.Plan(job, Bank, Kst(2026, 11, 28), Kst(2026, 12, 1, 5)).ToList();
        Assert.Equal([true, false, false, true], slots.Select(s => s.Runs)); // Sat (Fri), Sun (Sat), Mon (Sun), Tue (Mon)
        Assert.Equal(new DateOnly(2026, 11, 27), slots[0].BusinessDate);
        Assert.Equal(Reason.Of(ReasonCodes.NotBusinessDay, "2026-11-29", "KR-BANK", new NameArg("Sunday", "일요일")).Code, slots[2].Why!.Code);
        Assert.Equal("2026-11-29", Assert.IsType<ValueArg>(slots[2].Why!.Args[0]).Value);
    }

    [Fact]
    public void NewDayAt_ShiftNext_MovesTheNightRunPastTheClosedOrderDays()
    {
        // Chuseok: order days 24, 25, 26 (Sat), 27 (Sun) are closed. Their 01:30 runs (wall clock 25th..28th) move to
        // the night of order day 28 (Monday), 29 September 01:30, which the cron has already: one run.
        var job = WithRule(Every("30 1 * * *", "KR-BANK", DayRule.Shifted(HolidayShift.NextBusinessDay)), Night);
        var slots = SlotPlanner.Plan(job, Bank, Kst(2026, 9, 24, 12), Kst(2026, 9, 29, 12)).ToList();
        var running = slots.Where(s => s.Runs).ToList();
        var only = Assert.Single(running);
        Assert.Equal((Kst(2026, 9, 29, 1, 30), new DateOnly(2026, 9, 28)), (only.Key.SlotTime, only.BusinessDate));
        var first = Assert.Single(slots, s => s.Key.SlotTime == Kst(2026, 9, 25, 1, 30));
        Assert.Equal("2026-09-29 01:30:00", Assert.IsType<ValueArg>(first.Why!.Args[1]).Value);
    }

    [Fact]
    public void NewDayAt_ShiftedPlannedInSmallWindows_EqualsPlannedAtOnce()
    {
        var job = WithRule(Every("0 30 1,9 * * *", "KR-BANK", DayRule.Shifted(HolidayShift.PreviousBusinessDay)), Night);
        var from = Kst(2026, 9, 1);
        var whole = SlotPlanner.Plan(job, Bank, from, from.AddDays(60)).ToList();
        var pieces = Enumerable.Range(0, 60 * 4).SelectMany(i => SlotPlanner.Plan(job, Bank, from.AddHours(6 * i), from.AddHours(6 * (i + 1)))).ToList();
        Assert.Equal(whole.Select(s => (s.Key, s.BusinessDate, s.Runs)), pieces.Select(s => (s.Key, s.BusinessDate, s.Runs)));
    }

    private static Job WithRule(Job job, BusinessDateRule rule) => job with { Schedule = job.Schedule! with { DateRule = rule } };
}
