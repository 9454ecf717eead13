using Kairos.Calendars;
using Kairos.Core.Runs;
using Kairos.Core.Schedules;
using Kairos.Core.Slots;
using static Kairos.Core.Tests.Jobs;
using Kairos.Core.Reasons;

namespace Kairos.Core.Tests;

public class SlotPlannerTests
{
    [Fact]
    public void Plan_EveryDay_EachSlotRunsWithLocalBusinessDate()
    {
        // 23:30 KST on Friday 27 Nov 2026 is 14:30 UTC: the business date is the Seoul date, not the UTC one.
        var slots = SlotPlanner.Plan(Every("30 23 * * *"), null, Kst(2026, 11, 27), Kst(2026, 11, 29)).ToList();
        Assert.Equal([Kst(2026, 11, 27, 23, 30), Kst(2026, 11, 28, 23, 30)], slots.Select(s => s.Key.SlotTime));
        Assert.Equal(new DateOnly(2026, 11, 27), slots[0].BusinessDate);
        Assert.All(slots, s => Assert.True(s.Runs));
    }

    [Fact]
    public void Plan_BusinessDaysOnWeekend_SkippedWithReason()
    {
        var slots = SlotPlanner.Plan(Every("0 9 * * *", "WEEKDAYS", DayRule.BusinessDays), BuiltInCalendars.Default.Get("WEEKDAYS"), Kst(2026, 11, 27), Kst(2026, 11, 30, 12)).ToList();
        Assert.Equal([true, false, false, true], slots.Select(s => s.Runs));
        Assert.Equal(SkipReason.NotBusinessDay, slots[1].Skip);
        Assert.Equal(Reason.Of(ReasonCodes.NotBusinessDay, "2026-11-28", "WEEKDAYS", new NameArg("Saturday", "토요일")), slots[1].Why);
        Assert.Equal("WEEKDAYS", Assert.IsType<ValueArg>(slots[2].Why!.Args[1]).Value);
    }

    [Fact]
    public void Plan_Window_OnlySlotsInsideRun()
    {
        var slots = SlotPlanner.Plan(Every("0 * * * *", window: new TimeWindow(new TimeOnly(9, 0), new TimeOnly(12, 0))), null, Kst(2026, 11, 27), Kst(2026, 11, 28)).ToList();
        Assert.Equal([9, 10, 11], slots.Select(s => TimeZoneInfo.ConvertTime(s.Key.SlotTime, Seoul).Hour));
    }

    [Fact]
    public void Plan_SlotKeys_AreUtc()
    {
        var slot = SlotPlanner.Plan(Every("0 9 * * *"), null, Kst(2026, 11, 27), Kst(2026, 11, 28)).Single();
        Assert.Equal(TimeSpan.Zero, slot.Key.SlotTime.Offset);
        Assert.Equal("j@2026-11-27T00:00:00.000Z", slot.Key.ToString());
    }

    [Fact]
    public void Next_Count_ReturnsThatMany()
    {
        Assert.Equal(20, SlotPlanner.Next(Every("*/5 * * * *"), null, Kst(2026, 11, 27), 20).Count());
    }
}
