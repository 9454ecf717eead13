using Kairos.Core.Jobs;
using Kairos.Core.Runs;
using Kairos.Core.Slots;
using static Kairos.Core.Tests.Jobs;
using Kairos.Core.Reasons;

namespace Kairos.Core.Tests;

public class MisfireDeciderTests
{
    private static readonly DateTimeOffset Now = Kst(2026, 11, 27, 12);

    private static List<PlannedSlot> MissedMinutes(int count) =>
        Enumerable.Range(1, count).Select(i => new PlannedSlot(new("j", Now.AddMinutes(-i)), DateOnly.FromDateTime(Now.Date))).Reverse().ToList();

    [Fact]
    public void Decide_Skip_AllMissed()
    {
        var decided = MisfireDecider.Decide(new MisfirePolicy(MisfireMode.Skip, TimeSpan.FromHours(1)), MissedMinutes(3), Now);
        Assert.All(decided, s => Assert.Equal(SkipReason.Missed, s.Skip));
    }

    [Fact]
    public void Decide_RunOnce_OnlyLatestRuns()
    {
        var decided = MisfireDecider.Decide(new MisfirePolicy(MisfireMode.RunOnce, TimeSpan.FromHours(1)), MissedMinutes(5), Now);
        Assert.Equal([false, false, false, false, true], decided.Select(s => s.Runs));
        Assert.Equal(Now.AddMinutes(-1), decided.Single(s => s.Runs).Key.SlotTime);
    }

    [Fact]
    public void Decide_RunAll_OnlyWithinCatchupWindow()
    {
        var decided = MisfireDecider.Decide(new MisfirePolicy(MisfireMode.RunAll, TimeSpan.FromMinutes(3)), MissedMinutes(5), Now);
        Assert.Equal([false, false, true, true, true], decided.Select(s => s.Runs));
        Assert.Equal(Reason.Of(ReasonCodes.MissedBeyondCatchup, "00:03:00"), decided[0].Why);
    }

    [Fact]
    public void Decide_RunOnceAllTooOld_NothingRuns()
    {
        var decided = MisfireDecider.Decide(new MisfirePolicy(MisfireMode.RunOnce, TimeSpan.FromSeconds(30)), MissedMinutes(3), Now);
        Assert.DoesNotContain(decided, s => s.Runs);
    }

    [Fact]
    public void Decide_AlreadySkippedSlot_KeepsItsReason()
    {
        var slots = MissedMinutes(2);
        slots[0] = slots[0] with { Skip = SkipReason.NotBusinessDay, Why = Reason.Of(ReasonCodes.NotBusinessDay, "2026-11-28", "KR", new NameArg("Saturday", "토요일")) };
        var decided = MisfireDecider.Decide(new MisfirePolicy(MisfireMode.RunAll, TimeSpan.FromHours(1)), slots, Now);
        Assert.Equal(SkipReason.NotBusinessDay, decided[0].Skip);
        Assert.True(decided[1].Runs);
    }
}
