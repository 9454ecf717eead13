using Kairos.Core.Calendars;
using Kairos.Core.Ports;

namespace Kairos.Core.Tests;

public class EffectiveOverridesTests
{
    private static readonly string[] Krx = ["KR", "KR-BANK", "KRX"];
    private static readonly DateOnly Day = new(2026, 12, 10);

    private static CalendarOverrideEntry Entry(long id, string calendar, OverrideAction action) =>
        new(calendar, Day, action, "Closed", "휴무", "tester", DateTimeOffset.UnixEpoch, "why", null, id);

    [Fact]
    public void Deciding_InheritedOverride_IsListedForTheCalendarBuiltOnIt()
    {
        var history = new[] { Entry(1, "KR-BANK", OverrideAction.NonBusinessDay), Entry(2, "OTHER", OverrideAction.NonBusinessDay) };
        Assert.Equal([1L], EffectiveOverrides.Deciding(Krx, history).Select(e => e.Id));
        Assert.Empty(EffectiveOverrides.Deciding(["KR"], history));
    }

    [Fact]
    public void Deciding_NearestLayerWins_WhateverTheOrderOfEntry()
    {
        var history = new[] { Entry(1, "KRX", OverrideAction.BusinessDay), Entry(2, "kr-bank", OverrideAction.NonBusinessDay) };
        Assert.Equal([1L], EffectiveOverrides.Deciding(Krx, history).Select(e => e.Id));
        Assert.Equal([2L], EffectiveOverrides.Deciding(["KR", "KR-BANK"], history).Select(e => e.Id));
    }

    [Fact]
    public void InForceOn_RevertOnTheNearestLayer_LetsTheInheritedOverrideDecide()
    {
        var history = new[] { Entry(1, "KR", OverrideAction.NonBusinessDay), Entry(2, "KRX", OverrideAction.BusinessDay), Entry(3, "KRX", OverrideAction.Revert) };
        Assert.Equal([1L], EffectiveOverrides.Deciding(Krx, history).Select(e => e.Id));
        Assert.Equal(new HashSet<long> { 1, 3 }, EffectiveOverrides.InForceOn(Krx, history));
        // Seen from KRX, a revert on KR under KR-BANK's override decides nothing.
        Assert.Equal(new HashSet<long> { 5 }, EffectiveOverrides.InForceOn(Krx, [Entry(4, "KR", OverrideAction.Revert), Entry(5, "KR-BANK", OverrideAction.NonBusinessDay)]));
    }
}
