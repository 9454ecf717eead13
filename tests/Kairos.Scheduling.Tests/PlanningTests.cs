using Kairos.Core.Runs;
using Kairos.Testing;

namespace Kairos.Scheduling.Tests;

/// <summary>The planner against a real SQLite file, with time given explicitly: no sleeping.</summary>
public class PlanningTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero); // Monday 09:00 KST

    private const string EverySecond = "id: tick\nschedule: { cron: '* * * * * *' }\naction: { noop: true }\n";

    [Fact]
    public async Task Plan_Repeatedly_EachSlotOnce()
    {
        await using var h = await Harness.CreateAsync(new ManualClock(T0));
        await h.AddJobAsync(EverySecond);
        for (var ms = 0; ms <= 10_000; ms += 250) await h.Planner.PlanAsync(T0.AddMilliseconds(ms));
        var runs = await h.Store.Runs.SlotRunsAsync("tick", T0, T0.AddMinutes(1));
        Assert.Equal(Enumerable.Range(1, 13).Select(s => T0.AddSeconds(s)), runs.Select(r => r.SlotTime!.Value));
    }

    [Fact]
    public async Task Plan_TwoNodesAndARestart_NoDuplicateSlot()
    {
        var clock = new ManualClock(T0);
        await using var a = await Harness.CreateAsync(clock, "a");
        await a.AddJobAsync(EverySecond);
        await using var b = new Harness(a.Path, clock, "b");
        await b.Catalog.RefreshAsync();
        var tasks = new List<Task>();
        for (var ms = 0; ms <= 5_000; ms += 100)
        {
            var at = T0.AddMilliseconds(ms);
            tasks.Add(a.Planner.PlanAsync(at));
            tasks.Add(b.Planner.PlanAsync(at.AddMilliseconds(37)));
        }
        await Task.WhenAll(tasks);
        await using var restarted = new Harness(a.Path, clock, "a");
        await restarted.Catalog.RefreshAsync();
        await restarted.Planner.PlanAsync(T0.AddSeconds(5.5));
        var runs = await a.Store.Runs.SlotRunsAsync("tick", T0, T0.AddMinutes(1));
        Assert.Equal(runs.Count, runs.Select(r => r.SlotTime).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 8).Select(s => T0.AddSeconds(s)), runs.Select(r => r.SlotTime!.Value));
    }

    [Theory]
    [InlineData("skip", 0)]
    [InlineData("run-once", 1)]
    [InlineData("run-all", 3)]
    public async Task Plan_AfterDowntime_MisfirePolicyDecidesAndRecordsMissed(string policy, int expectedRuns)
    {
        await using var h = await Harness.CreateAsync(new ManualClock(T0));
        await h.AddJobAsync($"id: m\nschedule: {{ cron: '0 * * * * *' }}\naction: {{ noop: true }}\nmisfire: {{ policy: {policy}, catchupWindow: 3m }}\n");
        await h.Planner.PlanAsync(T0);
        // Ten minutes with no scheduler running, then a new node starts.
        await using var later = new Harness(h.Path, h.Clock, "n2");
        await later.Catalog.RefreshAsync();
        var now = T0.AddMinutes(10).AddSeconds(30);
        await later.Planner.PlanAsync(now);
        var missed = (await h.Store.Runs.SlotRunsAsync("m", T0, now)).ToList();
        Assert.Equal(10, missed.Count);
        Assert.Equal(expectedRuns, missed.Count(r => r.State == RunState.Scheduled));
        Assert.All(missed.Where(r => r.State != RunState.Scheduled), r => Assert.Equal(SkipReason.Missed, r.SkipReason));
        Assert.All(missed.Where(r => r.State == RunState.Scheduled), r => Assert.Equal(now, r.DueAt));
    }

    [Fact]
    public async Task Plan_BusinessDaysOverWeekend_SkippedSlotsRecordedWithReason()
    {
        var friday = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.FromHours(9));
        await using var h = await Harness.CreateAsync(new ManualClock(friday));
        await h.AddJobAsync("id: d\nschedule: { cron: '0 9 * * *', calendar: WEEKDAYS, days: business-days }\naction: { noop: true }\n");
        await h.Planner.PlanAsync(friday);
        for (var hours = 0; hours <= 84; hours++) await h.Planner.PlanAsync(friday.AddHours(hours));
        var runs = await h.Store.Runs.SlotRunsAsync("d", friday, friday.AddDays(4));
        Assert.Equal(["scheduled", "skipped", "skipped", "scheduled"], runs.Select(r => r.State.ToWire()));
        Assert.Equal(SkipReason.NotBusinessDay, runs[1].SkipReason);
        Assert.Contains("Saturday", runs[1].Detail, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 11, 30), runs[3].BusinessDate);
    }

    [Fact]
    public async Task Plan_NewJob_DoesNotBackfillHistory()
    {
        await using var h = await Harness.CreateAsync(new ManualClock(T0));
        await h.AddJobAsync("id: n\nschedule: { cron: '0 * * * * *' }\naction: { noop: true }\n");
        await h.Planner.PlanAsync(T0.AddHours(5));
        Assert.Empty(await h.Store.Runs.SlotRunsAsync("n", T0, T0.AddHours(5)));
    }
}
