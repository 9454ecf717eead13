using System.Globalization;

namespace Kairos.Cron.Tests;

public class CronDaylightSavingTests
{
    private static DateTimeOffset At(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    private static List<DateTimeOffset> Occurrences(string cron, string zone, string from, string to) =>
        CronExpression.Parse(cron).GetOccurrences(At(from), At(to), Zones.ById(zone)).ToList();

    // New York springs forward at 02:00 on 10 March 2024: 02:30 never exists that day.
    [Fact]
    public void NextSlot_InSpringForwardGap_RunsOnceAtShiftedTime()
    {
        var slots = Occurrences("30 2 * * *", "America/New_York", "2024-03-09T12:00:00-05:00", "2024-03-11T12:00:00-04:00");
        Assert.Equal([At("2024-03-10T03:00:00-04:00"), At("2024-03-11T02:30:00-04:00")], slots);
    }

    [Fact]
    public void EveryMinute_InSpringForwardGap_FiresOnceAtGapEndThenContinues()
    {
        var slots = Occurrences("* 1-3 * * *", "America/New_York", "2024-03-10T01:58:00-05:00", "2024-03-10T03:02:00-04:00");
        Assert.Equal([At("2024-03-10T01:59:00-05:00"), At("2024-03-10T03:00:00-04:00"), At("2024-03-10T03:01:00-04:00"), At("2024-03-10T03:02:00-04:00")], slots);
    }

    // New York falls back at 02:00 on 3 November 2024: 01:30 happens twice.
    [Fact]
    public void FixedHour_InFallBackOverlap_RunsOnceInFirstPass()
    {
        var slots = Occurrences("30 1 * * *", "America/New_York", "2024-11-02T12:00:00-04:00", "2024-11-04T12:00:00-05:00");
        Assert.Equal([At("2024-11-03T01:30:00-04:00"), At("2024-11-04T01:30:00-05:00")], slots);
    }

    [Fact]
    public void EveryHour_InFallBackOverlap_RunsInBothPasses()
    {
        var slots = Occurrences("0 * * * *", "America/New_York", "2024-11-03T00:30:00-04:00", "2024-11-03T02:30:00-05:00");
        Assert.Equal([At("2024-11-03T01:00:00-04:00"), At("2024-11-03T01:00:00-05:00"), At("2024-11-03T02:00:00-05:00")], slots);
    }

    [Fact]
    public void EveryHour_FromInsideSecondPass_DoesNotRepeatFirstPass()
    {
        var slots = Occurrences("*/30 * * * *", "America/New_York", "2024-11-03T01:10:00-05:00", "2024-11-03T02:00:00-05:00");
        Assert.Equal([At("2024-11-03T01:30:00-05:00"), At("2024-11-03T02:00:00-05:00")], slots);
    }

    // Lord Howe moves by half an hour: 02:00 → 02:30 on 6 October 2024; 02:00 → 01:30 on 7 April 2024.
    [Fact]
    public void LordHowe_HalfHourGap_ShiftsToGapEnd()
    {
        var slots = Occurrences("15 2 * * *", "Australia/Lord_Howe", "2024-10-05T12:00:00+10:30", "2024-10-07T12:00:00+11:00");
        Assert.Equal([At("2024-10-06T02:30:00+11:00"), At("2024-10-07T02:15:00+11:00")], slots);
    }

    [Fact]
    public void LordHowe_HalfHourOverlap_FixedTimeRunsOnce()
    {
        var slots = Occurrences("45 1 * * *", "Australia/Lord_Howe", "2024-04-06T12:00:00+11:00", "2024-04-07T12:00:00+10:30");
        Assert.Equal([At("2024-04-07T01:45:00+11:00")], slots);
    }

    // Seoul has had no daylight saving time since 1988: every local time exists exactly once.
    [Fact]
    public void Seoul_AnyDay_EveryHourOnce()
    {
        var slots = Occurrences("0 * * * *", "Asia/Seoul", "2024-06-01T00:00:00+09:00", "2024-06-02T00:00:00+09:00");
        Assert.Equal(24, slots.Count);
        Assert.Equal(24, slots.Distinct().Count());
    }
}
