using Kairos.Core.Ports;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task ListRuns_ByJobIds_OnlyThoseJobsNewestFirst_PagesWithBefore()
    {
        foreach (var job in new[] { "qa", "qb", "qc" }) await AddJobAsync(job);
        await Store.Runs.AddSlotRunsAsync([Slot("qa", 1), Slot("qb", 2), Slot("qc", 3), Slot("qa", 4)], T0);
        var runs = await Store.Runs.ListAsync(new RunQuery(JobIds: ["qa", "qc"]));
        Assert.Equal(["qa", "qa", "qc"], runs.Select(r => r.JobId).Order());
        Assert.Equal(runs.Select(r => r.Id).OrderDescending(), runs.Select(r => r.Id));
        var next = await Store.Runs.ListAsync(new RunQuery(BeforeId: runs[1].Id, JobIds: ["qa", "qc"]));
        Assert.Equal([runs[2].Id], next.Select(r => r.Id));
        Assert.Empty(await Store.Runs.ListAsync(new RunQuery(JobId: "qb", JobIds: ["qa"])));
    }
}
