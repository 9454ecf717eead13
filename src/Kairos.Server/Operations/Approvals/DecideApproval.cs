using Kairos.Core.Access;
using Kairos.Core.Ports;

namespace Kairos.Server.Operations.Approvals;

/// <summary>
/// Approve someone else's request and carry it out, reject one, or withdraw one's own. Approving needs the action's
/// own role and owner scope; rejecting someone else's needs what approving would; withdrawing needs neither.
/// </summary>
internal sealed class DecideApproval(IKairosStore store, FourEyes fourEyes, GatedOperations operations, ApprovalScope scope, OperationAudit audit, TimeProvider clock)
{
    public async Task<Outcome<ApprovalRecord>> ApproveAsync(Actor actor, long id, string? reason, CancellationToken ct)
    {
        if (Refusal.RoleNeeded(actor, Role.Operator) is { } role) return role;
        await fourEyes.ExpireOldAsync(ct);
        var approval = await store.Approvals.GetAsync(id, ct);
        if (approval is null || !await scope.MaySeeAsync(actor, approval, ct)) return Refusal.NotFound(ApiText.Get("Approval.NotFound", id));
        if (operations.Find(approval.Action) is not { } action) return Refusal.Conflict(ApiText.Get("Approval.ActionUnknown", id, approval.Action));
        if (await scope.DecisionRefusalAsync(actor, action, approval, ct) is { } refused) return refused;
        if (approval.State != ApprovalState.Pending) return Refusal.Conflict(ApiText.Get("Approval.NotPending", id, approval.State.ToString().ToLowerInvariant()));
        if (string.Equals(approval.RequestedBy, actor.Name, StringComparison.Ordinal)) return Refusal.Forbidden(ApiText.Get("Approval.OwnRequest"));

        // Decided first, then carried out: of two people approving at once only one gets here, so it happens once.
        if (!await store.Approvals.DecideAsync(id, ApprovalState.Approved, actor.Name, reason, clock.GetUtcNow(), ct))
            return Refusal.Conflict(ApiText.Get("Approval.NotPending", id, "decided"));
        await audit.RecordAsync(actor, "approval.approve", $"approval:{id}", reason, $"{approval.Action} {approval.Target} requested by {approval.RequestedBy}", "pending", "approved");
        var result = await action.CarryOutApprovedAsync(actor, approval.Payload, approval.RequestedBy, CancellationToken.None);
        await store.Approvals.SetOutcomeAsync(id, result.IsDone ? result.Note : $"not carried out: {result.Note}", CancellationToken.None);
        if (!result.IsDone) return result.Refusal!;
        return Outcome<ApprovalRecord>.Done((await store.Approvals.GetAsync(id, CancellationToken.None))!);
    }

    public async Task<Outcome<ApprovalRecord>> RejectAsync(Actor actor, long id, string? reason, CancellationToken ct)
    {
        if (Refusal.RoleNeeded(actor, Role.Operator) is { } role) return role;
        if (Refusal.ReasonMissing(reason) is { } missing) return missing;
        await fourEyes.ExpireOldAsync(ct);
        var approval = await store.Approvals.GetAsync(id, ct);
        if (approval is null || !await scope.MaySeeAsync(actor, approval, ct)) return Refusal.NotFound(ApiText.Get("Approval.NotFound", id));
        var own = string.Equals(approval.RequestedBy, actor.Name, StringComparison.Ordinal);
        // Withdrawing one's own request needs no scope; rejecting someone else's needs what approving would.
        if (!own && await scope.DecisionRefusalAsync(actor, operations.Find(approval.Action), approval, ct) is { } refused) return refused;
        if (!await store.Approvals.DecideAsync(id, ApprovalState.Rejected, actor.Name, reason, clock.GetUtcNow(), ct))
            return Refusal.Conflict(ApiText.Get("Approval.NotPending", id, approval.State.ToString().ToLowerInvariant()));
        await audit.RecordAsync(actor, own ? "approval.withdraw" : "approval.reject", $"approval:{id}", reason, $"{approval.Action} {approval.Target} requested by {approval.RequestedBy}", "pending", "rejected");
        return Outcome<ApprovalRecord>.Done((await store.Approvals.GetAsync(id, ct))!);
    }
}
