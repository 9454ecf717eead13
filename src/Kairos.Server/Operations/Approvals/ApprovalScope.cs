using Kairos.Core.Ports;

namespace Kairos.Server.Operations.Approvals;

/// <summary>
/// Who sees an approval request, and who may decide on one. An owner-scoped reader sees requests about jobs they may
/// read, about calendars (which everyone may read), and their own. Deciding needs the action's own role and, when it acts
/// on a job, an owner scope that covers the job; it is checked before anything is stored, so a refused approver neither
/// carries the action out nor uses the request up.
/// </summary>
internal sealed class ApprovalScope(OwnerScope scope, IKairosStore store)
{
    public async Task<IReadOnlyList<ApprovalRecord>> VisibleAsync(Actor actor, IReadOnlyList<ApprovalRecord> approvals, CancellationToken ct)
    {
        if (!scope.IsScoped(actor)) return approvals;
        var visible = new List<ApprovalRecord>();
        foreach (var approval in approvals)
            if (await MaySeeAsync(actor, approval, ct)) visible.Add(approval);
        return visible;
    }

    public async Task<bool> MaySeeAsync(Actor actor, ApprovalRecord? approval, CancellationToken ct) =>
        approval is not null && (!scope.IsScoped(actor) || approval.RequestedBy == actor.Name || approval.Target.StartsWith("calendar:", StringComparison.Ordinal)
            || await AuditTargets.JobOfAsync(approval.Target, store, ct) is { } job && await scope.MayReadJobAsync(actor, job, store, ct));

    /// <summary>
    /// Null when the actor may approve or reject <paramref name="approval"/>; otherwise the refusal. An action this
    /// server does not know (<paramref name="action"/> null) can still be rejected, by an operator without owner scope.
    /// </summary>
    public async Task<Refusal?> DecisionRefusalAsync(Actor actor, IGatedOperation? action, ApprovalRecord approval, CancellationToken ct)
    {
        if (action is not null && Refusal.RoleNeeded(actor, action.Role) is { } role) return role;
        return await CoversAsync(actor, action, approval, ct) ? null
            : Refusal.Forbidden(ApiText.Get("Approval.OutOfScope", approval.Id, approval.Target, string.Join(", ", actor.Owners)));
    }

    /// <summary>
    /// Whether the actor's owner scope covers what the approval acts on: a scoped actor cannot decide on a request about
    /// another team's job, nor one whose job can no longer be told (its run is gone, the action unknown).
    /// </summary>
    private async Task<bool> CoversAsync(Actor actor, IGatedOperation? action, ApprovalRecord approval, CancellationToken ct)
    {
        if (actor.Caller is not { } caller) return false;
        if (caller.Owners.Count == 0) return true;
        if (action is null) return false;
        var job = await action.JobOfAsync(approval.Payload, ct);
        if (job.Vanished) return false;
        return job.JobId is null || scope.Covers(actor, job.JobId);
    }
}
