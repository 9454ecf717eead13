using System.Net;
using Kairos.Calendars.Client;
using Kairos.Client;
using Kairos.Core.Access;

namespace Kairos.Server.Tests;

/// <summary>Defining and deleting an institution calendar under four eyes (Kairos:Approvals:Require lists calendar.define).</summary>
public sealed class InstitutionCalendarApprovalTests : IAsyncLifetime
{
    private static readonly DateOnly FoundationDay = new(2026, 7, 15);
    private ServerFixture _server = null!;
    private CalendarClient _calendars = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>(), extraArgs: ["--Kairos:Approvals:Require:0", "calendar.define"]);
        _calendars = new CalendarClient(_server.Http);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Define_WaitsForASecondAdmin_ThenIsCreditedToBoth_PreviewIsNotGated()
    {
        var hana = new CalendarDefinitionDto("HANA-BANK", Base: ["KR-BANK"], Add: [new("2026-07-15", "Foundation day")]);
        Assert.Equal(1, (await _calendars.DefineAsync(hana, "", preview: true)).Closed);

        var pending = await Assert.ThrowsAsync<KairosApiException>(() => _calendars.DefineAsync(hana, "bank calendar"));
        Assert.Equal(HttpStatusCode.Accepted, pending.Status);
        var approval = Assert.Single(await _server.Client.ListApprovalsAsync("pending"));
        Assert.Equal(("calendar.define", "calendar:HANA-BANK"), (approval.Action, approval.Target));
        Assert.DoesNotContain(await _calendars.ListAsync(), c => c.Id == "HANA-BANK");
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.ApproveAsync(approval.Id))).Status);

        var secondAdmin = new KairosClient(await _server.ClientAsAsync(Role.Admin));
        Assert.Equal("approved", (await secondAdmin.ApproveAsync(approval.Id, "checked the foundation day")).State);
        Assert.False((await _calendars.IsBusinessDayAsync("HANA-BANK", FoundationDay)).BusinessDay);
        var version = Assert.Single(await _calendars.DefinitionHistoryAsync("HANA-BANK"));
        Assert.Contains(", approved by ", version.ChangedBy, StringComparison.Ordinal);

        var deleting = await Assert.ThrowsAsync<KairosApiException>(() => _calendars.DeleteDefinitionAsync("HANA-BANK", "merged"));
        Assert.Equal(HttpStatusCode.Accepted, deleting.Status);
        Assert.Equal("calendar.delete-definition", (await _server.Client.ListApprovalsAsync("pending")).Single().Action);
        Assert.NotNull((await _calendars.ListAsync()).SingleOrDefault(c => c.Id == "HANA-BANK"));
    }
}
