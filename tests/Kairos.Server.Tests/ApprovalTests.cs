using System.Net;
using Kairos.Client;
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
    }, extraArgs: ["--Kairos:Approvals:Require:0", "run.mark-succeeded", "--Kairos:Approvals:Require:1", "job.backfill", "--Kairos:Approvals:Require:2", "calendar.override"]);

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
    public void UnknownActionInConfiguration_ServerRefusesToStart()
    {
        var e = Assert.Throws<InvalidOperationException>(() => KairosServer.Build(["--Kairos:Approvals:Require:0", "job.hold", "--url", "http://127.0.0.1:0"]));
        Assert.Contains("'job.hold'", e.Message, StringComparison.Ordinal);
    }
}
