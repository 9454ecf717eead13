using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Scheduling.Tests;

/// <summary>One job's bad data is that job's problem: the passes over all jobs go on for the others.</summary>
public class IsolationTests
{
    [Fact]
    public async Task Claim_StoredJobWithATimeoutNoTimerTakes_OthersStillRunAndItFails()
    {
        await using var h = await Harness.CreateAsync(TimeProvider.System);
        await h.AddJobAsync("id: healthy\naction: { noop: true }\n");
        // Written before the limits existed (or by hand): a 100-day timeout that no CancellationTokenSource accepts.
        var now = h.Clock.GetUtcNow();
        await h.Store.Jobs.UpsertAsync(new JobRecord("broken", new Core.Jobs.JobSpec { Id = "broken", Action = new Core.Jobs.ActionSpec(Noop: true), Timeout = "100d" },
            "test", Core.Jobs.OverlapPolicy.Forbid, now), new JobChange("test"), false);
        await h.Catalog.RefreshAsync();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var broken = await h.Store.Runs.AddRunAsync(new NewRun("broken", null, TriggerKind.Manual, today, now, RunState.Queued), now);
        var healthy = await h.Store.Runs.AddRunAsync(new NewRun("healthy", null, TriggerKind.Manual, today, now.AddMilliseconds(1), RunState.Queued), now);

        await h.Scheduler.StartAsync();
        Assert.Equal(RunState.Succeeded, await FinalStateAsync(h.Store, healthy));
        Assert.Equal(RunState.Failed, await FinalStateAsync(h.Store, broken));
        Assert.Contains("broken", (await h.Store.Runs.GetAsync(broken))!.Detail, StringComparison.Ordinal);
    }

    private static async Task<RunState> FinalStateAsync(IKairosStore store, long id)
    {
        for (var i = 0; i < 200; i++)
        {
            var run = await store.Runs.GetAsync(id);
            if (run!.State.IsFinal()) return run.State;
            await Task.Delay(50);
        }
        return (await store.Runs.GetAsync(id))!.State;
    }
}
