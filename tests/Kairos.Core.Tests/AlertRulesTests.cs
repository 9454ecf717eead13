using Kairos.Core.Alerts;
using Kairos.Core.Jobs;
using Kairos.Core.Runs;
using static Kairos.Core.Tests.Jobs;
using Kairos.Core.Reasons;

namespace Kairos.Core.Tests;

public sealed class AlertRulesTests
{
    private static readonly DateTimeOffset Slot = Kst(2026, 11, 23, 9, 0);

    private static Run At(RunState state, DateTimeOffset? started = null, DateTimeOffset? finished = null, DateTimeOffset? slot = null) =>
        new(1, "report", slot ?? Slot, TriggerKind.Time, new DateOnly(2026, 11, 23), state, started is null ? 0 : 1, slot ?? Slot, Kst(2026, 11, 22),
            StartedAt: started, FinishedAt: finished, Detail: state == RunState.Failed ? "exit 3" : null);

    private static AlertKind[] Kinds(Run run, Sla? sla, DateTimeOffset now) => AlertRules.Due(run, sla, Seoul, now).Select(a => a.Kind).ToArray();

    [Fact]
    public void Failed_And_TimedOut_Alert_WithoutAnySla_KilledAndSucceededDoNot()
    {
        var now = Slot.AddMinutes(5);
        Assert.Equal([AlertKind.Failed], Kinds(At(RunState.Failed, Slot, now), null, now));
        Assert.Equal([AlertKind.Failed], Kinds(At(RunState.TimedOut, Slot, now), null, now));
        Assert.Empty(Kinds(At(RunState.Killed, Slot, now), null, now));
        Assert.Empty(Kinds(At(RunState.Succeeded, Slot, now), null, now));
        Assert.Equal(Reason.Of(ReasonCodes.AlertFailedBecause, "1", "report", "failed", "exit 3"), AlertRules.Due(At(RunState.Failed, Slot, now), null, Seoul, now)[0].Why);
    }

    [Fact]
    public void LateStart_WaitingPastTheLimit_OrStartedAfterIt_ToTheMillisecond()
    {
        var sla = new Sla(StartWithin: TimeSpan.FromSeconds(60));
        Assert.Empty(Kinds(At(RunState.Queued), sla, Slot.AddSeconds(60)));
        Assert.Equal([AlertKind.LateStart], Kinds(At(RunState.Queued), sla, Slot.AddSeconds(60).AddMilliseconds(1)));
        Assert.Empty(Kinds(At(RunState.Running, Slot.AddSeconds(60)), sla, Slot.AddMinutes(10)));
        var late = AlertRules.Due(At(RunState.Running, Slot.AddSeconds(60).AddMilliseconds(1)), sla, Seoul, Slot.AddMinutes(10));
        Assert.Equal(AlertKind.LateStart, Assert.Single(late).Kind);
        Assert.Equal(Reason.Of(ReasonCodes.AlertStartedLate, "1", "report", "60s", "60s"), late[0].Why);
        Assert.Empty(Kinds(At(RunState.Skipped), sla, Slot.AddHours(1)));
    }

    [Fact]
    public void LateFinish_ByLocalTimeOnTheSlotsDay_OrTheNextDayWhenTheTimeIsEarlier()
    {
        var sla = new Sla(FinishBy: new TimeOnly(9, 30));
        Assert.Empty(Kinds(At(RunState.Running, Slot), sla, Kst(2026, 11, 23, 9, 30)));
        Assert.Equal([AlertKind.LateFinish], Kinds(At(RunState.Running, Slot), sla, Kst(2026, 11, 23, 9, 30, 1)));
        Assert.Equal([AlertKind.LateFinish], Kinds(At(RunState.Succeeded, Slot, Kst(2026, 11, 23, 9, 31)), sla, Kst(2026, 11, 23, 12, 0)));
        Assert.Empty(Kinds(At(RunState.Succeeded, Slot, Kst(2026, 11, 23, 9, 29)), sla, Kst(2026, 11, 23, 12, 0)));
        // A 23:00 slot due to finish by 01:00 has until 01:00 the next morning.
        Assert.Equal(Kst(2026, 11, 24, 1, 0), AlertRules.FinishDeadline(Kst(2026, 11, 23, 23, 0), new TimeOnly(1, 0), Seoul));
    }

    [Fact]
    public void FinishDeadline_OnASkippedWallTime_IsReadAsTheClockShowsIt()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var slot = new DateTimeOffset(2026, 3, 8, 1, 0, 0, TimeSpan.FromHours(-5));
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 30, 0, TimeSpan.FromHours(-4)), AlertRules.FinishDeadline(slot, new TimeOnly(2, 30), newYork));
    }

    [Fact]
    public void LongRunning_OnlyWhileRunning_PastMaxDuration()
    {
        var sla = new Sla(MaxDuration: TimeSpan.FromMinutes(30));
        Assert.Empty(Kinds(At(RunState.Running, Slot), sla, Slot.AddMinutes(30)));
        Assert.Equal([AlertKind.LongRunning], Kinds(At(RunState.Running, Slot), sla, Slot.AddMinutes(30).AddMilliseconds(1)));
        Assert.Empty(Kinds(At(RunState.Succeeded, Slot, Slot.AddHours(2)), sla, Slot.AddHours(3)));
    }
}
