using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    private async Task<Run> StartOneAsync(string node = "n1")
    {
        await AddJobAsync("a", OverlapPolicy.Allow);
        await Store.Runs.AddSlotRunsAsync([Slot("a", 1)], T0);
        return Assert.Single((await Store.Runs.ClaimAndStartAsync(node, T0.AddSeconds(1), T0.AddSeconds(1), TimeSpan.FromSeconds(30), 10)).Claimed);
    }

    [Fact]
    public async Task Complete_Succeeded_FinalWithExitCodeAndEvents()
    {
        var run = await StartOneAsync();
        await Store.Runs.CompleteAsync([new RunCompletion(run.Id, 1, RunState.Succeeded, T0.AddSeconds(2), "exit 0", ExitCode: 0, StartedAt: T0.AddMilliseconds(1003))]);
        var done = await Store.Runs.GetAsync(run.Id);
        Assert.Equal(T0.AddMilliseconds(1003), done!.StartedAt);
        Assert.Equal(RunState.Succeeded, done!.State);
        Assert.Equal(0, done.ExitCode);
        Assert.Equal(T0.AddSeconds(2), done.FinishedAt);
        var events = await Store.Runs.EventsAsync(run.Id);
        Assert.Equal([RunState.Scheduled, RunState.Running, RunState.Succeeded], events.Select(e => e.To));
    }

    [Fact]
    public async Task Complete_WithRetry_QueuedThenSecondAttempt()
    {
        var run = await StartOneAsync();
        await Store.Runs.CompleteAsync([new RunCompletion(run.Id, 1, RunState.Failed, T0.AddSeconds(2), "exit 3", ExitCode: 3, RetryAt: T0.AddSeconds(10))]);
        var queued = await Store.Runs.GetAsync(run.Id);
        Assert.Equal(RunState.Queued, queued!.State);
        Assert.Equal(T0.AddSeconds(10), queued.DueAt);
        Assert.Empty((await Store.Runs.ClaimAndStartAsync("n1", T0.AddSeconds(9), T0.AddSeconds(9), TimeSpan.FromSeconds(30), 10)).Claimed);
        var retry = Assert.Single((await Store.Runs.ClaimAndStartAsync("n1", T0.AddSeconds(10), T0.AddSeconds(10), TimeSpan.FromSeconds(30), 10)).Claimed);
        Assert.Equal(2, retry.Attempt);
    }

    [Fact]
    public async Task Complete_StaleAttempt_Ignored()
    {
        var run = await StartOneAsync();
        await Store.Runs.CompleteAsync([new RunCompletion(run.Id, 1, RunState.Failed, T0.AddSeconds(2), RetryAt: T0.AddSeconds(3))]);
        await Store.Runs.ClaimAndStartAsync("n2", T0.AddSeconds(3), T0.AddSeconds(3), TimeSpan.FromSeconds(30), 10);
        await Store.Runs.CompleteAsync([new RunCompletion(run.Id, 1, RunState.Succeeded, T0.AddSeconds(4))]);
        var current = await Store.Runs.GetAsync(run.Id);
        Assert.Equal(RunState.Running, current!.State);
        Assert.Equal(2, current.Attempt);
    }

    [Fact]
    public async Task Release_ClaimedNotStarted_BackToQueueAsBefore()
    {
        var run = await StartOneAsync("n1");
        await Store.Runs.ReleaseAsync([run], "node stopping", T0);
        var released = await Store.Runs.GetAsync(run.Id);
        Assert.Equal(RunState.Queued, released!.State);
        Assert.Equal(0, released.Attempt);
        Assert.Null(released.Node);
        var again = Assert.Single((await Store.Runs.ClaimAndStartAsync("n2", T0.AddSeconds(2), T0.AddSeconds(2), TimeSpan.FromSeconds(30), 10)).Claimed);
        Assert.Equal(1, again.Attempt);
        Assert.Equal("n2", again.Node);
    }

    [Fact]
    public async Task Leases_NotRenewed_ExpireAndAreListed()
    {
        var run = await StartOneAsync();
        Assert.Empty(await Store.Runs.ExpiredLeasesAsync(T0.AddSeconds(30), "n1"));
        await Store.Runs.RenewLeasesAsync("n1", [run.Id], T0.AddSeconds(60));
        Assert.Empty(await Store.Runs.ExpiredLeasesAsync(T0.AddSeconds(59), "n1"));
        Assert.Empty(await Store.Runs.ExpiredLeasesAsync(T0.AddSeconds(61), "n2"));
        Assert.Equal(run.Id, Assert.Single(await Store.Runs.ExpiredLeasesAsync(T0.AddSeconds(61), "n1")).Id);
    }

    [Fact]
    public async Task RequestKill_Running_VisibleToOwningNodeOnly()
    {
        var run = await StartOneAsync("n1");
        Assert.True(await Store.Runs.RequestKillAsync(run.Id, "alice", T0));
        Assert.Equal([run.Id], await Store.Runs.KillRequestsAsync("n1"));
        Assert.Empty(await Store.Runs.KillRequestsAsync("n2"));
        Assert.False(await Store.Runs.RequestKillAsync(run.Id + 1000, "alice", T0));
    }

    [Fact]
    public async Task CancelWaiting_Queued_BecomesKilled()
    {
        await AddJobAsync("a");
        var id = await Store.Runs.AddRunAsync(Manual("a", T0.AddHours(1)), T0);
        Assert.True(await Store.Runs.CancelWaitingAsync(id, "alice", T0));
        Assert.Equal(RunState.Killed, (await Store.Runs.GetAsync(id))!.State);
        Assert.False(await Store.Runs.CancelWaitingAsync(id, "alice", T0));
    }

    [Fact]
    public async Task Logs_AppendedInBatches_ReadAfterSequence()
    {
        var run = await StartOneAsync();
        await Store.Logs.AppendAsync([new LogLine(run.Id, 1, 1, LogStream.Stdout, T0, "one"), new LogLine(run.Id, 2, 1, LogStream.Stderr, T0, "two")]);
        await Store.Logs.AppendAsync([new LogLine(run.Id, 3, 1, LogStream.Stdout, T0, "<b>three</b>")]);
        Assert.Equal(["two", "<b>three</b>"], (await Store.Logs.ReadAsync(run.Id, 1, 100)).Select(l => l.Text));
        Assert.Equal(LogStream.Stderr, (await Store.Logs.ReadAsync(run.Id, 1, 1))[0].Stream);
    }

    [Fact]
    public async Task Jobs_UpsertKeepsHeldAndWatermarkOnlyMovesForward()
    {
        await AddJobAsync("a", held: true);
        await Store.Jobs.UpsertAsync(new JobRecord("a", new JobSpec { Id = "a", Description = "v2" }, "file", OverlapPolicy.Replace, T0.AddSeconds(1)), Tester);
        var job = await Store.Jobs.GetAsync("a");
        Assert.True(job!.Held);
        Assert.Equal("v2", job.Definition.Description);
        Assert.Equal(OverlapPolicy.Replace, job.Overlap);
        await Store.Jobs.AdvancePlannedUntilAsync([("a", T0.AddSeconds(10))]);
        await Store.Jobs.AdvancePlannedUntilAsync([("a", T0.AddSeconds(5))]);
        Assert.Equal(T0.AddSeconds(10), (await Store.Jobs.GetAsync("a"))!.PlannedUntil);
        Assert.True(await Store.Jobs.SetHeldAsync("a", false, "bob", null));
        Assert.False((await Store.Jobs.GetAsync("a"))!.Held);
        Assert.False(await Store.Jobs.SetHeldAsync("nope", true, "bob", null));
    }

    [Fact]
    public async Task Audit_Appended_ListedNewestFirst()
    {
        await Store.Audit.AppendAsync(new AuditEntry(T0, "alice", "hold", "job:a", "maintenance"));
        await Store.Audit.AppendAsync(new AuditEntry(T0.AddSeconds(1), "bob", "release", "job:a"));
        var entries = await Store.Audit.ListAsync("job:a", 10);
        Assert.Equal(["release", "hold"], entries.Select(e => e.Action));
        Assert.Equal("maintenance", entries[1].Reason);
    }
}
