using System.Net;
using System.Net.Http.Json;
using Kairos.Client;
using Kairos.Client.Contracts;
using Kairos.Core.Access;
using Kairos.Server.Hosting;

namespace Kairos.Server.Tests;

/// <summary>Four eyes: configured actions wait for someone else's approval, and happen exactly once when it comes.</summary>
public sealed class ApprovalTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new Dictionary<string, string>
    {
        ["fails.yaml"] = "id: fails\nowner: settlement\naction: { command: { argv: ['false'] } }\n",
        ["daily.yaml"] = "id: daily\nowner: settlement\nschedule: { cron: '0 9 * * *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n",
        ["eod.yaml"] = "flow: eod\nowner: settlement\nsteps:\n  - id: eod-check\n    action: { command: { argv: ['false'] } }\n  - id: eod-post\n    after: [{ job: eod-check }]\n    action: { noop: true }\n",
    }, extraArgs: ["--Kairos:Approvals:Require:0", "run.mark-succeeded", "--Kairos:Approvals:Require:1", "job.backfill", "--Kairos:Approvals:Require:2", "calendar.override",
        "--Kairos:Approvals:Require:3", "job.hold", "--Kairos:Approvals:Require:4", "run.rerun"]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task MarkSucceeded_WaitsForASecondOperator_NotTheRequesterNorAViewer_ThenHappensOnce()
    {
        var created = await _server.Client.TriggerAsync("fails", reason: "test");
        await _server.WaitForStateAsync(created.RunId, "failed");
        var kim = new KairosClient(await _server.ClientAsAsync(Role.Operator, "settlement"));
        var lee = new KairosClient(await _server.ClientAsAsync(Role.Operator));
        var viewer = new KairosClient(await _server.ClientAsAsync(Role.Viewer));

        var asked = await kim.MarkSucceededAsync(created.RunId, "sent by hand");
        Assert.Null(asked.Result);
        var approval = asked.Approval!;
        Assert.Equal(("pending", "run.mark-succeeded", $"run:{created.RunId}", "operator-settlement"), (approval.State, approval.Action, approval.Target, approval.RequestedBy));
        Assert.Equal("failed", (await _server.Client.GetRunAsync(created.RunId)).State);
        Assert.Equal([approval.Id], (await viewer.ListApprovalsAsync("pending")).Select(a => a.Id));

        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<KairosApiException>(() => kim.ApproveAsync(approval.Id))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<KairosApiException>(() => viewer.ApproveAsync(approval.Id))).Status);
        Assert.Equal("failed", (await _server.Client.GetRunAsync(created.RunId)).State);

        var approved = await lee.ApproveAsync(approval.Id, "checked the partner's receipt");
        Assert.Equal(("approved", "operator-", $"run {created.RunId} marked succeeded"), (approved.State, approved.DecidedBy, approved.Outcome));
        var run = await _server.Client.GetRunAsync(created.RunId);
        Assert.Equal("succeeded", run.State);
        Assert.Equal("marked succeeded by operator-settlement, approved by operator-: sent by hand", run.Detail);
        Assert.Equal("conflict", (await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.ApproveAsync(approval.Id))).Code);
    }

    [Fact]
    public async Task AFlowStepMarkedSucceeded_ReleasesItsDownstreamOnlyOnceApproved_AndAFlowRerunIsGatedByRunRerun()
    {
        // Today's business date: a past one would be a backfill, which this server gates too.
        var check = await _server.Client.TriggerAsync("eod-check", reason: "test");
        var date = check.BusinessDate!;
        await _server.WaitForStateAsync(check.RunId, "failed");
        var kim = new KairosClient(await _server.ClientAsAsync(Role.Operator, "settlement"));
        var lee = new KairosClient(await _server.ClientAsAsync(Role.Operator));

        var asked = (await kim.MarkSucceededAsync(check.RunId, "checked by hand")).Approval!;
        // Two dependency intervals later the downstream still has not started: the request changed nothing.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var waiting = await _server.Client.GetFlowRunAsync("eod", date);
        Assert.Equal(("failed", "blocked"), (waiting.State, waiting.Steps.Single(s => s.Id == "eod-post").State));

        var approved = await lee.ApproveAsync(asked.Id, "the figures match");
        FlowRunDto done;
        for (var i = 0; (done = await _server.Client.GetFlowRunAsync("eod", date)).State != "succeeded" && i < 300; i++) await Task.Delay(100);
        Assert.Equal("succeeded", done.State);
        Assert.True((await _server.Client.GetRunAsync(done.Steps.Single(s => s.Id == "eod-post").RunId!.Value)).StartedAt > approved.DecidedAt);

        // Rerunning the flow is a rerun of runs: where run.rerun needs four eyes, so does flow.rerun.
        var rerun = await kim.RerunFlowAsync("eod", date, "eod-check", "once more");
        Assert.Null(rerun.Result);
        Assert.Equal(("flow.rerun", "flow:eod"), (rerun.Approval!.Action, rerun.Approval.Target));
        Assert.Single(await _server.Client.ListRunsAsync("eod-check"));
    }

    [Fact]
    public async Task Backfill_Rejected_CreatesNothing_AndWithdrawnByItsRequester()
    {
        var kim = new KairosClient(await _server.ClientAsAsync(Role.Operator, "settlement"));
        var first = (await kim.BackfillAsync("daily", "2025-10-01", "2025-10-10", "missing days")).Approval!;
        Assert.Contains("3 run(s)", first.Summary, StringComparison.Ordinal);
        Assert.Equal("validation", (await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.RejectAsync(first.Id, ""))).Code);
        var rejected = await _server.Client.RejectAsync(first.Id, "the partner has them already");
        Assert.Equal(("rejected", "tester"), (rejected.State, rejected.DecidedBy));
        Assert.Equal("conflict", (await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.ApproveAsync(first.Id))).Code);

        var second = (await kim.BackfillAsync("daily", "2025-10-01", "2025-10-02", "missing days")).Approval!;
        Assert.Equal("rejected", (await kim.RejectAsync(second.Id, "asked by mistake")).State);
        Assert.Empty(await _server.Client.ListRunsAsync("daily"));
    }

    [Fact]
    public async Task CalendarOverride_NeedsASecondAdmin_OperatorCannotApproveIt()
    {
        using var response = await _server.Http.PostAsync(new Uri("api/calendars/KR-BANK/overrides", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(
            new { date = "2031-03-12", businessDay = false, name = "System migration", nameKo = "전산 전환", reason = "core banking cut-over" }));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var approval = Assert.Single(await _server.Client.ListApprovalsAsync("pending"));
        Assert.True((await new Kairos.Calendars.Client.CalendarClient(_server.Http).IsBusinessDayAsync("KR-BANK", new DateOnly(2031, 3, 12))).BusinessDay);

        var operatorClient = new KairosClient(await _server.ClientAsAsync(Role.Operator));
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<KairosApiException>(() => operatorClient.ApproveAsync(approval.Id))).Status);
        var secondAdmin = new KairosClient(await _server.ClientAsAsync(Role.Admin));
        Assert.Equal("approved", (await secondAdmin.ApproveAsync(approval.Id, "confirmed with core banking")).State);
        Assert.False((await new Kairos.Calendars.Client.CalendarClient(_server.Http).IsBusinessDayAsync("KR-BANK", new DateOnly(2031, 3, 12))).BusinessDay);
    }

    [Fact]
    public async Task Hold_Gated_WaitsForASecondOperator_RequesterCannotApprove()
    {
        var kim = new KairosClient(await _server.ClientAsAsync(Role.Operator, "settlement"));
        var lee = new KairosClient(await _server.ClientAsAsync(Role.Operator));
        var pending = await Assert.ThrowsAsync<KairosApiException>(() => kim.HoldAsync("daily", "partner maintenance"));
        Assert.Equal((HttpStatusCode.Accepted, "approval-pending"), (pending.Status, pending.Code));
        var approval = Assert.Single(await _server.Client.ListApprovalsAsync("pending"));
        Assert.Equal(("job.hold", "job:daily"), (approval.Action, approval.Target));
        Assert.False((await _server.Client.GetJobAsync("daily")).Held);

        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<KairosApiException>(() => kim.ApproveAsync(approval.Id))).Status);
        Assert.Equal("approved", (await lee.ApproveAsync(approval.Id, "agreed")).State);
        var job = await _server.Client.GetJobAsync("daily");
        Assert.Equal((true, "operator-settlement, approved by operator-"), (job.Held, job.HeldBy));
        Assert.False((await kim.ReleaseAsync("daily", "maintenance over")).Held); // release is gated only when listed itself
    }

    [Fact]
    public async Task Rerun_Gated_NewRunOnlyOnAnotherOperatorsApproval()
    {
        var created = await _server.Client.TriggerAsync("fails", reason: "test");
        await _server.WaitForStateAsync(created.RunId, "failed");
        var kim = new KairosClient(await _server.ClientAsAsync(Role.Operator, "settlement"));
        Assert.Equal(HttpStatusCode.Accepted, (await Assert.ThrowsAsync<KairosApiException>(() => kim.RerunAsync(created.RunId, "partner is back"))).Status);
        var approval = Assert.Single(await _server.Client.ListApprovalsAsync("pending"));
        Assert.Equal(("run.rerun", $"run:{created.RunId}"), (approval.Action, approval.Target));
        Assert.Single(await _server.Client.ListRunsAsync("fails"));

        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<KairosApiException>(() => kim.ApproveAsync(approval.Id))).Status);
        await _server.Client.ApproveAsync(approval.Id, "ok");
        var rerun = (await _server.Client.ListRunsAsync("fails")).Single(r => r.Id != created.RunId);
        Assert.Equal((created.RunId, "operator-settlement"), (rerun.RerunOf, rerun.RequestedBy));
    }

    [Fact]
    public async Task TriggerForAPastBusinessDate_GatedAsABackfill_CarriedOutOnApproval_TodayIsNot()
    {
        var kim = new KairosClient(await _server.ClientAsAsync(Role.Operator, "settlement"));
        var lee = new KairosClient(await _server.ClientAsAsync(Role.Operator));
        var pending = await Assert.ThrowsAsync<KairosApiException>(() => kim.TriggerAsync("daily", "2025-10-01", "the file came late"));
        Assert.Equal(HttpStatusCode.Accepted, pending.Status);
        var approval = Assert.Single(await _server.Client.ListApprovalsAsync("pending"));
        Assert.Equal("job.trigger", approval.Action);
        Assert.Contains("past business date 2025-10-01", approval.Summary, StringComparison.Ordinal);
        Assert.Empty(await _server.Client.ListRunsAsync("daily"));

        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<KairosApiException>(() => kim.ApproveAsync(approval.Id))).Status);
        var approved = await lee.ApproveAsync(approval.Id, "checked");
        Assert.StartsWith("run ", approved.Outcome, StringComparison.Ordinal);
        var run = Assert.Single(await _server.Client.ListRunsAsync("daily"));
        Assert.Equal(("2025-10-01", "operator-settlement"), (run.BusinessDate, run.RequestedBy));
        var audit = (await _server.Http.GetFromJsonAsync<List<Kairos.Core.Ports.AuditEntry>>("api/audit?target=job:daily"))!.Single(a => a.Action == "job.trigger");
        Assert.Equal(("operator-", $"run {run.Id} for 2025-10-01", "the file came late"), (audit.Actor, audit.Detail, audit.Reason));

        var today = await kim.TriggerAsync("daily", reason: "rerun today"); // today's business date is no backfill
        Assert.Equal(2, (await _server.Client.ListRunsAsync("daily")).Count);
        Assert.Equal("daily", today.JobId);
    }

    [Fact]
    public async Task CalendarImportApply_GatedByTheOverrideGate_AppliedOnlyWhenASecondAdminApproves()
    {
        var calendars = new Kairos.Calendars.Client.CalendarClient(_server.Http);
        using var csv = new StringContent("date,business_day,name\n2031-04-15,N,System migration\n", System.Text.Encoding.UTF8, "text/csv");
        using var response = await _server.Http.PostAsync(new Uri("api/calendars/KR-BANK/import?apply=true&reason=cut-over", UriKind.Relative), csv);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var approval = Assert.Single(await _server.Client.ListApprovalsAsync("pending"));
        Assert.Equal("calendar.import", approval.Action);
        Assert.Contains("1 day(s) changed; in the next 90 days", approval.Summary, StringComparison.Ordinal);
        Assert.True((await calendars.IsBusinessDayAsync("KR-BANK", new DateOnly(2031, 4, 15))).BusinessDay);

        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.ApproveAsync(approval.Id))).Status);
        var secondAdmin = new KairosClient(await _server.ClientAsAsync(Role.Admin));
        Assert.Equal("approved", (await secondAdmin.ApproveAsync(approval.Id, "confirmed")).State);
        Assert.False((await calendars.IsBusinessDayAsync("KR-BANK", new DateOnly(2031, 4, 15))).BusinessDay);
    }

    [Fact]
    public async Task OverridePreview_UnderTheOverrideGate_AnswersAtOnce_AndAsksNoOne()
    {
        var calendars = new Kairos.Calendars.Client.CalendarClient(_server.Http);
        var preview = await calendars.PreviewDayAsync("KR-BANK", new Kairos.Calendars.Client.OverrideRequest("2031-05-14", false, "Drill", null, null, null));
        Assert.False(Assert.Single(preview.Changes).BusinessDay);
        Assert.Empty(await _server.Client.ListApprovalsAsync("pending"));
        Assert.True((await calendars.IsBusinessDayAsync("KR-BANK", new DateOnly(2031, 5, 14))).BusinessDay);
    }

    [Fact]
    public async Task OverrideDelete_GatedByTheOverrideGate_DayReturnsToTheRulesOnlyOnApproval()
    {
        var calendars = new Kairos.Calendars.Client.CalendarClient(_server.Http);
        var secondAdmin = new KairosClient(await _server.ClientAsAsync(Role.Admin));
        using var added = await _server.Http.PostAsync(new Uri("api/calendars/KR-BANK/overrides", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(
            new { date = "2031-05-13", businessDay = false, name = "Drill", reason = "disaster recovery drill" }));
        await secondAdmin.ApproveAsync(Assert.Single(await _server.Client.ListApprovalsAsync("pending")).Id, "ok");
        Assert.False((await calendars.IsBusinessDayAsync("KR-BANK", new DateOnly(2031, 5, 13))).BusinessDay);

        using var deleted = await _server.Http.DeleteAsync(new Uri("api/calendars/KR-BANK/overrides/2031-05-13?reason=drill%20moved", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        var approval = Assert.Single(await _server.Client.ListApprovalsAsync("pending"));
        Assert.Equal("calendar.revert", approval.Action);
        Assert.False((await calendars.IsBusinessDayAsync("KR-BANK", new DateOnly(2031, 5, 13))).BusinessDay);
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.ApproveAsync(approval.Id))).Status);
        Assert.Equal("approved", (await secondAdmin.ApproveAsync(approval.Id, "confirmed")).State);
        Assert.True((await calendars.IsBusinessDayAsync("KR-BANK", new DateOnly(2031, 5, 13))).BusinessDay);
    }

    [Fact]
    public void UnknownActionInConfiguration_ServerRefusesToStart()
    {
        var e = Assert.Throws<StartupRefusal>(() => KairosServer.Build(["--Kairos:Approvals:Require:0", "job.delete", "--url", "http://127.0.0.1:0"]));
        Assert.Contains("'job.delete'", e.Message, StringComparison.Ordinal);
    }
}
