using Kairos.Core.Runs;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task AddRuns_AllInOrder_OrNoneWhenOneIsRefused()
    {
        await AddJobAsync("settle");
        await AddJobAsync("report");
        var ids = await Store.Runs.AddRunsAsync(
        [
            Manual("settle", T0) with { BusinessDate = Day, RerunOf = 7 },
            Manual("report", T0) with { BusinessDate = Day, State = RunState.Waiting },
        ], T0);
        Assert.Equal(2, ids.Count);
        Assert.True(ids[1] > ids[0]);
        Assert.Equal((RunState.Queued, 7L), ((await Store.Runs.GetAsync(ids[0]))!.State, (await Store.Runs.GetAsync(ids[0]))!.RerunOf!.Value));
        Assert.Equal(RunState.Waiting, (await Store.Runs.GetAsync(ids[1]))!.State);

        // A run with a slot is refused: nothing of the batch stays.
        var before = (await Store.Runs.BusinessDateRunsAsync("report", Day, Day)).Count;
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Runs.AddRunsAsync(
            [Manual("report", T0) with { BusinessDate = Day, State = RunState.Waiting }, Manual("settle", T0) with { SlotTime = T0 }], T0));
        Assert.Equal(before, (await Store.Runs.BusinessDateRunsAsync("report", Day, Day)).Count);
    }
}
