using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task DateCells_OnePerJobAndDate_LatestRunWins_FailuresCounted_OnlyTheJobsAsked()
    {
        foreach (var job in new[] { "a", "b", "c" }) await AddJobAsync(job);
        async Task<long> RunAsync(string job, DateOnly date, bool killed)
        {
            var id = await Store.Runs.AddRunAsync(Manual(job, T0) with { BusinessDate = date }, T0);
            if (killed) await Store.Runs.CancelWaitingAsync(id, "kim", T0);
            return id;
        }
        await RunAsync("a", Day, killed: true);
        var rerun = await RunAsync("a", Day, killed: false);
        var b = await RunAsync("b", Day.AddDays(1), killed: true);
        await RunAsync("b", Day.AddDays(2), killed: false);  // after the range
        await RunAsync("c", Day, killed: true);              // not asked for

        var cells = await Store.Runs.DateCellsAsync(["a", "b"], Day, Day.AddDays(1));
        Assert.Equal([new DateCell("a", Day, rerun, RunState.Queued, 2, 1), new DateCell("b", Day.AddDays(1), b, RunState.Killed, 1, 1)], cells);
        Assert.Equal(3, (await Store.Runs.DateCellsAsync(null, Day, Day.AddDays(1))).Count);
        Assert.Empty(await Store.Runs.DateCellsAsync([], Day, Day.AddDays(1)));
    }

    [Fact]
    public async Task RecentBusinessDates_NewestFirst_UpToUntil_ForTheJobsAsked()
    {
        await AddJobAsync("a");
        await AddJobAsync("b");
        foreach (var (job, days) in new[] { ("a", 0), ("a", 0), ("a", 3), ("b", 5), ("a", 9) })
            await Store.Runs.AddRunAsync(Manual(job, T0) with { BusinessDate = Day.AddDays(days) }, T0);
        await Store.Runs.AddRunAsync(Manual("a", T0), T0); // no business date

        Assert.Equal([Day.AddDays(5), Day.AddDays(3)], await Store.Runs.RecentBusinessDatesAsync(null, Day.AddDays(8), 2));
        Assert.Equal([Day.AddDays(3), Day], await Store.Runs.RecentBusinessDatesAsync(["a"], Day.AddDays(8), 10));
        Assert.Empty(await Store.Runs.RecentBusinessDatesAsync(null, Day.AddDays(-1), 10));
        Assert.Empty(await Store.Runs.RecentBusinessDatesAsync([], Day.AddDays(9), 10));
    }
}
