using Kairos.Calendars.Client;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Server.Operations;
using Kairos.Server.Operations.Approvals;
using Kairos.Server.Operations.Calendars;
using Kairos.Server.Operations.Jobs;
using Kairos.Server.Operations.Runs;

namespace Kairos.Server.Tests.Operations;

/// <summary>Roles, missing targets and withdrawals, decided by the operations without an endpoint in front of them.</summary>
public sealed class GateTests(OperationServer fixture) : IClassFixture<OperationServer>
{
    private readonly IKairosStore _store = fixture.Get<IKairosStore>();

    [Fact]
    public async Task AddCalendarOverride_ByAnOperator_IsRefusedForTheRoleAndTheCalendarIsUnchanged()
    {
        var request = new OverrideRequest("2031-03-04", false, "Closed", null, "strike", null);

        var refused = await fixture.Get<AddCalendarOverride>().ExecuteAsync(OperationServer.Operator("kim"), "KR", request, CancellationToken.None);

        Assert.Equal(OutcomeCode.Forbidden, refused.Code);
        Assert.DoesNotContain(await _store.Calendars.ListAsync("KR", CancellationToken.None), e => e.Date == new DateOnly(2031, 3, 4));
    }

    [Fact]
    public async Task MarkRunSucceeded_UnknownRun_IsNotFound()
    {
        var refused = await fixture.Get<MarkRunSucceeded>().ExecuteAsync(OperationServer.Operator("kim"), 987654, "sent by hand", CancellationToken.None);

        Assert.Equal(OutcomeCode.NotFound, refused.Code);
    }

    [Fact]
    public async Task RejectAsync_ByTheRequester_IsAWithdrawalThatNeedsNoOwnerScope()
    {
        var kim = OperationServer.Operator("kim", "treasury-and-settlement");
        var asked = await fixture.Get<HoldJob>().ExecuteAsync(OperationServer.Operator("kim"), "viewed", "freeze", CancellationToken.None);

        var withdrawn = await fixture.Get<DecideApproval>().RejectAsync(kim, asked.Approval!.Id, "not needed after all", CancellationToken.None);

        Assert.Equal((OutcomeCode.Done, ApprovalState.Rejected), (withdrawn.Code, withdrawn.Value!.State));
        Assert.Contains(await _store.Audit.ListAsync($"approval:{asked.Approval.Id}", 10, CancellationToken.None), e => e.Action == "approval.withdraw");
    }
}
