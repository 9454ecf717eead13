using Kairos.Core.Alerts;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task MarkSucceeded_FailedRunOnly_WithEvent()
    {
        var run = await StartOneAsync();
        Assert.False(await Store.Runs.MarkSucceededAsync(run.Id, "marked", T0.AddSeconds(3)));
        await Store.Runs.CompleteAsync([new RunCompletion(run.Id, 1, RunState.Failed, T0.AddSeconds(2), "exit 3", ExitCode: 3)]);
        Assert.True(await Store.Runs.MarkSucceededAsync(run.Id, "marked succeeded by kim: reconciled by hand", T0.AddSeconds(3)));
        Assert.False(await Store.Runs.MarkSucceededAsync(run.Id, "again", T0.AddSeconds(4)));
        var done = await Store.Runs.GetAsync(run.Id);
        Assert.Equal(RunState.Succeeded, done!.State);
        Assert.Equal(3, done.ExitCode);
        var last = (await Store.Runs.EventsAsync(run.Id))[^1];
        Assert.Equal((RunState.Failed, RunState.Succeeded, "marked succeeded by kim: reconciled by hand"), (last.From!.Value, last.To, last.Detail!));
    }

    private static NewRun SkippedSlot(string job, int second) =>
        Slot(job, second) with { State = RunState.Skipped, SkipReason = SkipReason.Operator, Detail = "skipped by kim" };

    [Fact]
    public async Task SkipSlot_WaitingRunBecomesSkipped_MissingRunIsRecorded_StartedRunIsLeft()
    {
        await AddJobAsync("a");
        await Store.Runs.AddSlotRunsAsync([Slot("a", 10)], T0);
        Assert.True(await Store.Runs.SkipSlotAsync(SkippedSlot("a", 10), T0));
        Assert.True(await Store.Runs.SkipSlotAsync(SkippedSlot("a", 20), T0));
        foreach (var second in new[] { 10, 20 })
        {
            var run = await Store.Runs.GetBySlotAsync("a", T0.AddSeconds(second));
            Assert.Equal((RunState.Skipped, SkipReason.Operator, "skipped by kim"), (run!.State, run.SkipReason!.Value, run.Detail!));
        }
        // The planner later finds the slot taken and creates nothing; a claim never starts it.
        Assert.Equal(0, await Store.Runs.AddSlotRunsAsync([Slot("a", 20)], T0));
        Assert.Empty((await Store.Runs.ClaimAndStartAsync("n1", T0.AddSeconds(30), T0.AddSeconds(30), TimeSpan.FromSeconds(30), 10)).Claimed);

        await Store.Runs.AddSlotRunsAsync([Slot("a", 40)], T0);
        Assert.Single((await Store.Runs.ClaimAndStartAsync("n1", T0.AddSeconds(40), T0.AddSeconds(40), TimeSpan.FromSeconds(30), 10)).Claimed);
        Assert.False(await Store.Runs.SkipSlotAsync(SkippedSlot("a", 40), T0.AddSeconds(41)));
        Assert.Equal(RunState.Running, (await Store.Runs.GetBySlotAsync("a", T0.AddSeconds(40)))!.State);
    }

    [Fact]
    public async Task Counts_And_AlertWindow_ReadUnfinishedAndRecentRuns()
    {
        var running = await StartOneAsync();
        await Store.Runs.AddSlotRunsAsync([Slot("a", 5), Slot("a", 500)], T0);
        var counts = await Store.Runs.CountAsync(T0.AddSeconds(10));
        Assert.Equal((1, 2, 1), (counts.ByState[RunState.Running], counts.ByState[RunState.Scheduled], counts.QueueDepth));

        var window = await Store.Runs.ActiveOrFinishedSinceAsync(T0, T0.AddSeconds(10));
        Assert.Equal([running.Id, running.Id + 1], window.Select(r => r.Id));
        await Store.Runs.CompleteAsync([new RunCompletion(running.Id, 1, RunState.Failed, T0.AddSeconds(20), "exit 1", ExitCode: 1)]);
        Assert.Contains(running.Id, (await Store.Runs.ActiveOrFinishedSinceAsync(T0.AddSeconds(20), T0.AddSeconds(30))).Select(r => r.Id));
        Assert.DoesNotContain(running.Id, (await Store.Runs.ActiveOrFinishedSinceAsync(T0.AddSeconds(21), T0.AddSeconds(30))).Select(r => r.Id));
    }

    [Fact]
    public async Task BusinessDateRuns_EveryRunOfTheJobForDatesInTheRange_HoweverOld()
    {
        await AddJobAsync("a");
        await AddJobAsync("b");
        var inside = await Store.Runs.AddRunAsync(Manual("a", T0) with { BusinessDate = new DateOnly(2025, 10, 2), Trigger = TriggerKind.Backfill }, T0);
        await Store.Runs.AddRunAsync(Manual("a", T0) with { BusinessDate = new DateOnly(2025, 10, 11) }, T0);
        await Store.Runs.AddRunAsync(Manual("b", T0) with { BusinessDate = new DateOnly(2025, 10, 2) }, T0);
        var edge = await Store.Runs.AddRunAsync(Manual("a", T0) with { BusinessDate = new DateOnly(2025, 10, 10) }, T0);
        Assert.Equal([inside, edge], (await Store.Runs.BusinessDateRunsAsync("a", new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 10))).Select(r => r.Id));
    }

    [Fact]
    public async Task Approvals_DecidedOnce_ExpireWhenOld()
    {
        var first = await Store.Approvals.AddAsync(new ApprovalRecord(0, "run.mark-succeeded", "run:7", """{"runId":7}""", "mark run 7 succeeded", "kim", "reconciled", T0));
        var second = await Store.Approvals.AddAsync(new ApprovalRecord(0, "job.backfill", "job:a", "{}", "backfill", "kim", null, T0.AddHours(2)));
        Assert.True(await Store.Approvals.DecideAsync(first, ApprovalState.Approved, "lee", "checked", T0.AddMinutes(5)));
        Assert.False(await SecondNode().Approvals.DecideAsync(first, ApprovalState.Rejected, "park", null, T0.AddMinutes(6)));
        await Store.Approvals.SetOutcomeAsync(first, "run 7 succeeded");
        var decided = await Store.Approvals.GetAsync(first);
        Assert.Equal((ApprovalState.Approved, "lee", "checked", "run 7 succeeded", """{"runId":7}"""), (decided!.State, decided.DecidedBy!, decided.DecisionReason!, decided.Outcome!, decided.Payload));

        Assert.Equal(0, await Store.Approvals.ExpireAsync(T0.AddHours(1), T0.AddHours(30)));
        Assert.Equal(1, await Store.Approvals.ExpireAsync(T0.AddHours(3), T0.AddHours(30)));
        Assert.Equal(ApprovalState.Expired, (await Store.Approvals.GetAsync(second))!.State);
        Assert.Equal([first], (await Store.Approvals.ListAsync(ApprovalState.Approved, 10)).Select(a => a.Id));
        Assert.Equal([second, first], (await Store.Approvals.ListAsync(null, 10)).Select(a => a.Id));
    }

    [Fact]
    public async Task Alerts_SameRunKindAndWebhook_RecordedOnceAcrossNodes()
    {
        var alert = new AlertRecord(0, 7, "a", AlertKind.Failed, "ops", "run 7 of a failed", T0);
        var id = await Store.Alerts.TryRecordAsync(alert);
        Assert.NotNull(id);
        Assert.Null(await SecondNode().Alerts.TryRecordAsync(alert with { CreatedAt = T0.AddSeconds(1) }));
        Assert.NotNull(await Store.Alerts.TryRecordAsync(alert with { Webhook = "slack" }));
        Assert.NotNull(await Store.Alerts.TryRecordAsync(alert with { Kind = AlertKind.LateFinish }));
        await Store.Alerts.SetDeliveryAsync(id!.Value, AlertDelivery.Failed, "503 Service Unavailable", T0.AddSeconds(2));
        var listed = await Store.Alerts.ListAsync(7, 10);
        Assert.Equal(3, listed.Count);
        var first = listed.Single(a => a.Id == id);
        Assert.Equal((AlertDelivery.Failed, "503 Service Unavailable", AlertKind.Failed), (first.Delivery, first.Error!, first.Kind));
        Assert.Empty(await Store.Alerts.ListAsync(8, 10));
    }
}
