using Kairos.Core.Ports;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    private static readonly DateOnly ConditionDay = new(2026, 11, 30);

    private static ConditionRecord Condition(string name, DateOnly date, DateTimeOffset at, string by = "kim", string? reason = null) =>
        new(name, date, at, by, reason);

    [Fact]
    public async Task SetCondition_Twice_KeepsTheFirstSetting()
    {
        Assert.True(await Store.Conditions.SetAsync(Condition("eod-file", ConditionDay, T0, "core-banking", "file arrived")));
        Assert.False(await SecondNode().Conditions.SetAsync(Condition("eod-file", ConditionDay, T0.AddMinutes(5), "lee")));
        Assert.Equal([Condition("eod-file", ConditionDay, T0, "core-banking", "file arrived")], await Store.Conditions.ListAsync(ConditionDay, ConditionDay));
    }

    [Fact]
    public async Task SetCondition_TwoNodesConcurrently_ExactlyOneSets()
    {
        var other = SecondNode();
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).Conditions.SetAsync(Condition("eod-file", ConditionDay, T0.AddSeconds(i), $"node{i}")))));
        Assert.Single(results, set => set);
        Assert.Single(await Store.Conditions.ListAsync(ConditionDay, ConditionDay));
    }

    [Fact]
    public async Task RemoveCondition_OnceSet_ThenNotSet()
    {
        await Store.Conditions.SetAsync(Condition("eod-file", ConditionDay, T0));
        await Store.Conditions.SetAsync(Condition("eod-file", ConditionDay.AddDays(1), T0));
        Assert.True(await Store.Conditions.RemoveAsync("eod-file", ConditionDay));
        Assert.False(await Store.Conditions.RemoveAsync("eod-file", ConditionDay));
        Assert.Equal([ConditionDay.AddDays(1)], (await Store.Conditions.ListAsync(ConditionDay, ConditionDay.AddDays(5))).Select(c => c.BusinessDate));
        Assert.True(await Store.Conditions.SetAsync(Condition("eod-file", ConditionDay, T0.AddHours(1), "lee"))); // set again after removal
    }

    [Fact]
    public async Task ListConditions_DatesInTheRange_ByDateThenName()
    {
        await Store.Conditions.SetAsync(Condition("z-file", ConditionDay, T0));
        await Store.Conditions.SetAsync(Condition("a-file", ConditionDay.AddDays(1), T0));
        await Store.Conditions.SetAsync(Condition("a-file", ConditionDay, T0));
        await Store.Conditions.SetAsync(Condition("a-file", ConditionDay.AddDays(-1), T0));
        await Store.Conditions.SetAsync(Condition("a-file", ConditionDay.AddDays(2), T0));
        var listed = await Store.Conditions.ListAsync(ConditionDay, ConditionDay.AddDays(1));
        Assert.Equal([("a-file", ConditionDay), ("z-file", ConditionDay), ("a-file", ConditionDay.AddDays(1))], listed.Select(c => (c.Name, c.BusinessDate)));
    }

    [Fact]
    public async Task ConditionsSetSince_AtOrAfterTheInstant()
    {
        await Store.Conditions.SetAsync(Condition("early", ConditionDay, T0));
        await Store.Conditions.SetAsync(Condition("edge", ConditionDay, T0.AddSeconds(10)));
        await Store.Conditions.SetAsync(Condition("late", ConditionDay.AddDays(-3), T0.AddSeconds(20), "api", "backfilled"));
        var since = await Store.Conditions.SetSinceAsync(T0.AddSeconds(10));
        Assert.Equal([Condition("edge", ConditionDay, T0.AddSeconds(10)), Condition("late", ConditionDay.AddDays(-3), T0.AddSeconds(20), "api", "backfilled")], since);
    }
}
