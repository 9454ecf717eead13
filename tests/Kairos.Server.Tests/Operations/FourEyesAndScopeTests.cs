using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Server.Operations;
using Kairos.Server.Operations.Approvals;
using Kairos.Server.Operations.Jobs;

namespace Kairos.Server.Tests.Operations;

/// <summary>The operations themselves enforce role, owner scope and four eyes, whoever calls them.</summary>
public sealed class FourEyesAndScopeTests(OperationServer fixture) : IClassFixture<OperationServer>
{
    private readonly IKairosStore _store = fixture.Get<IKairosStore>();

    [Fact]
    public async Task HoldJob_WhenApprovalRequired_StoresTheRequestAndHoldsOnlyOnAnotherPersonsApproval()
    {
        var kim = OperationServer.Operator("kim", "settlement");
        var asked = await fixture.Get<HoldJob>().ExecuteAsync(kim, "approved", "  month-end freeze ", CancellationToken.None);

        Assert.Equal(OutcomeCode.ApprovalRequired, asked.Code);
        Assert.Equal(("job.hold", "job:approved", "kim", ApprovalState.Pending), (asked.Approval!.Action, asked.Approval.Target, asked.Approval.RequestedBy, asked.Approval.State));
        Assert.False((await _store.Jobs.GetAsync("approved"))!.Held);

        var decide = fixture.Get<DecideApproval>();
        Assert.Equal(OutcomeCode.Forbidden, (await decide.ApproveAsync(kim, asked.Approval.Id, null, CancellationToken.None)).Code);
        var approved = await decide.ApproveAsync(OperationServer.Operator("lee"), asked.Approval.Id, "checked", CancellationToken.None);

        Assert.Equal((OutcomeCode.Done, ApprovalState.Approved, "approved held"), (approved.Code, approved.Value!.State, approved.Value.Outcome));
        var job = (await _store.Jobs.GetAsync("approved"))!;
        Assert.Equal((true, "kim, approved by lee", "month-end freeze"), (job.Held, job.HeldBy, job.HeldReason));
    }

    [Fact]
    public async Task HoldJob_OutsideTheActorsOwnerScope_IsRefusedAndNothingIsStored()
    {
        var before = (await _store.Approvals.ListAsync(null, 1000, CancellationToken.None)).Count;

        var refused = await fixture.Get<HoldJob>().ExecuteAsync(OperationServer.Operator("park", "treasury"), "scoped", "not ours", CancellationToken.None);

        Assert.Equal(OutcomeCode.Forbidden, refused.Code);
        Assert.Contains("treasury", refused.Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await _store.Approvals.ListAsync(null, 1000, CancellationToken.None)).Count);
        Assert.False((await _store.Jobs.GetAsync("scoped"))!.Held);
    }

    [Fact]
    public async Task ReleaseJob_ByAViewer_IsRefusedForTheRole()
    {
        var viewer = new Actor(new Caller("vera", Role.Viewer, []), "test");

        var refused = await fixture.Get<ReleaseJob>().ExecuteAsync(viewer, "viewed", "no role", CancellationToken.None);

        Assert.Equal(OutcomeCode.Forbidden, refused.Code);
    }

    [Fact]
    public async Task ApproveAsync_ByAnOperatorOutsideTheJobsOwnerScope_IsRefusedAndTheRequestStaysPending()
    {
        var asked = await fixture.Get<HoldJob>().ExecuteAsync(OperationServer.Operator("kim", "settlement"), "refused", "freeze", CancellationToken.None);

        var refused = await fixture.Get<DecideApproval>().ApproveAsync(OperationServer.Operator("park", "treasury"), asked.Approval!.Id, null, CancellationToken.None);

        Assert.Equal(OutcomeCode.Forbidden, refused.Code);
        Assert.Equal(ApprovalState.Pending, (await _store.Approvals.GetAsync(asked.Approval.Id))!.State);
        Assert.False((await _store.Jobs.GetAsync("refused"))!.Held);
    }

    [Fact]
    public async Task ReleaseJob_NotGated_IsCarriedOutAndAuditedForTheActor()
    {
        var audited = 0;
        var kim = OperationServer.Operator("kim", "settlement") with { Audited = () => audited++ };

        var done = await fixture.Get<ReleaseJob>().ExecuteAsync(kim, "released", "back to normal", CancellationToken.None);

        Assert.Equal(OutcomeCode.Done, done.Code);
        Assert.Equal(1, audited);
        var entry = (await _store.Audit.ListAsync("job:released", 50, CancellationToken.None)).Single();
        Assert.Equal(("kim", "job.release", "back to normal", "test"), (entry.Actor, entry.Action, entry.Reason, entry.Source));
    }

    [Fact]
    public async Task TriggerJob_WithoutAReason_IsInvalidOnTheReasonField()
    {
        var refused = await fixture.Get<TriggerJob>().ExecuteAsync(OperationServer.Operator("kim"), "viewed", null, " ", CancellationToken.None);

        Assert.Equal(OutcomeCode.Invalid, refused.Code);
        Assert.Equal(["reason"], refused.Refusal!.Errors!.Keys);
    }
}
