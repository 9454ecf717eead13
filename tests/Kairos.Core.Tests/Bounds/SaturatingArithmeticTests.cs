using Kairos.Calendars;
using Kairos.Core.Alerts;
using Kairos.Core.Jobs;
using Kairos.Core.Runs;
using Kairos.Core.Slots;
using Kairos.Core.Time;
using static Kairos.Core.Tests.Jobs;

namespace Kairos.Core.Tests.Bounds;

/// <summary>Stored durations at the ends of TimeSpan, and dates at the ends of DateOnly, saturate instead of throwing.</summary>
public class SaturatingArithmeticTests
{
    private static readonly DateTimeOffset Now = Kst(2026, 11, 27, 12);

    [Fact]
    public void Add_PastTheLastInstant_StopsThere()
    {
        Assert.Equal(DateTimeOffset.MaxValue, SaturatingTime.Add(Now, TimeSpan.MaxValue));
        Assert.Equal(DateTimeOffset.MinValue, SaturatingTime.Add(Now, TimeSpan.MinValue));
        Assert.Equal(DateTimeOffset.MinValue, SaturatingTime.Subtract(Now, TimeSpan.MaxValue));
        Assert.Equal(Now.AddDays(1), SaturatingTime.Add(Now, TimeSpan.FromDays(1)));
        Assert.Equal(SaturatingTime.LongestTimer, SaturatingTime.Timer(TimeSpan.FromDays(10675199)));
    }

    [Fact]
    public void AlertRules_SlaOfTheLargestDurations_NoAlertAndNoThrow()
    {
        var run = new Run(1, "j", Now.AddHours(-1), TriggerKind.Time, null, RunState.Running, 1, Now.AddHours(-1), Now.AddHours(-1), StartedAt: Now.AddHours(-1));
        Assert.Empty(AlertRules.Due(run, new Sla(TimeSpan.MaxValue, null, TimeSpan.MaxValue), Seoul, Now));
    }

    [Fact]
    public void Misfire_CatchupWindowOfTheLargestDuration_SlotStillJudged()
    {
        var policy = new MisfirePolicy(MisfireMode.RunAll, TimeSpan.MaxValue);
        Assert.Null(ClaimDecision.Misfire(TriggerKind.Time, 0, Now.AddHours(-1), policy, TimeSpan.FromSeconds(5), false, Now));
        var slots = new List<PlannedSlot> { new(new("j", Now.AddHours(-1)), DateOnly.FromDateTime(Now.Date)) };
        Assert.True(Assert.Single(MisfireDecider.Decide(policy, slots, Now)).Runs);
    }

    [Theory]
    [InlineData(1, 1, 1, 1, 1, 10)]
    [InlineData(9999, 12, 20, 9999, 12, 31)]
    public void Backfill_DatesAtTheEndsOfTheCalendar_NoThrow(int y1, int m1, int d1, int y2, int m2, int d2)
    {
        var slots = BackfillSlots.Between(Every("0 0 9 * * *"), BuiltInCalendars.Default.Find("WEEKDAYS"), new DateOnly(y1, m1, d1), new DateOnly(y2, m2, d2));
        Assert.True(slots.Count <= BackfillSlots.MaxSlots + 1);
    }
}
