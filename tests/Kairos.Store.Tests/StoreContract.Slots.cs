using Kairos.Core.Runs;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task Migrate_Twice_LeavesOneSchemaVersion()
    {
        await Store.MigrateAsync();
        await SecondNode().MigrateAsync();
        Assert.Equal(13, await ((Kairos.Store.Sql.SqlKairosStore)Store).SchemaVersionAsync()); // 0013 added dependency runs and conditions
    }

    [Fact]
    public async Task TryCreateRun_SameSlotTwice_SecondReturnsNothing()
    {
        await AddJobAsync("a");
        Assert.Equal(2, await Store.Runs.AddSlotRunsAsync([Slot("a", 1), Slot("a", 2)], T0));
        Assert.Equal(1, await Store.Runs.AddSlotRunsAsync([Slot("a", 2), Slot("a", 3)], T0));
        var runs = await Store.Runs.SlotRunsAsync("a", T0, T0.AddMinutes(1));
        Assert.Equal([1, 2, 3], runs.Select(r => (int)(r.SlotTime!.Value - T0).TotalSeconds));
    }

    [Fact]
    public async Task AddSlotRuns_TwoPlannersConcurrently_OneRunPerSlot()
    {
        await AddJobAsync("a");
        var other = SecondNode();
        var slots = Enumerable.Range(0, 300).Select(i => Slot("a", i)).ToList();
        var created = await Task.WhenAll(
            Task.Run(async () => { var n = 0; foreach (var chunk in slots.Chunk(7)) n += await Store.Runs.AddSlotRunsAsync(chunk, T0); return n; }),
            Task.Run(async () => { var n = 0; foreach (var chunk in slots.AsEnumerable().Reverse().Chunk(11)) n += await other.Runs.AddSlotRunsAsync(chunk.ToList(), T0); return n; }));
        Assert.Equal(300, created.Sum());
        Assert.Equal(300, (await Store.Runs.SlotRunsAsync("a", T0, T0.AddHours(1))).Count);
    }

    [Fact]
    public async Task AddSlotRuns_SkippedSlot_RecordedWithReasonAndFinished()
    {
        await AddJobAsync("a");
        await Store.Runs.AddSlotRunsAsync([Slot("a", 5) with { State = RunState.Skipped, SkipReason = SkipReason.NotBusinessDay, Detail = "Saturday" }], T0);
        var run = Assert.Single(await Store.Runs.SlotRunsAsync("a", T0, T0.AddMinutes(1)));
        Assert.Equal(RunState.Skipped, run.State);
        Assert.Equal(SkipReason.NotBusinessDay, run.SkipReason);
        Assert.Equal("Saturday", run.Detail);
        Assert.NotNull(run.FinishedAt);
        Assert.Null(await Store.Runs.NextDueAtAsync(T0, TimeSpan.Zero));
    }

    [Fact]
    public async Task NextDueAt_WaitingRuns_ReturnsEarliest()
    {
        await AddJobAsync("a");
        await Store.Runs.AddSlotRunsAsync([Slot("a", 9), Slot("a", 4)], T0);
        Assert.Equal(T0.AddSeconds(4), await Store.Runs.NextDueAtAsync(T0, TimeSpan.Zero));
    }

    [Fact]
    public async Task AddRun_Manual_HasNoSlotAndIsQueued()
    {
        await AddJobAsync("a");
        var id = await Store.Runs.AddRunAsync(Manual("a", T0), T0);
        var run = await Store.Runs.GetAsync(id);
        Assert.NotNull(run);
        Assert.Null(run.SlotTime);
        Assert.Equal(RunState.Queued, run.State);
        Assert.Equal(TriggerKind.Manual, run.Trigger);
        Assert.Equal("tester", run.RequestedBy);
    }
}
