using Kairos.Core.Ports;
using Kairos.Server.Approvals;

namespace Kairos.Server.Operations;

/// <summary>
/// Whether an action needs a second person (the configuration says so), and the request stored when it does: the
/// action's exact payload, who asked and why, waiting for someone else to approve it within the expiry.
/// </summary>
internal sealed class FourEyes(ApprovalOptions options, IKairosStore store, TimeProvider clock, OperationAudit audit)
{
    public TimeSpan Expiry => options.Expiry;

    public bool Requires(string action) => options.Require.Contains(action, StringComparer.Ordinal);

    public async Task<ApprovalRecord> RequestAsync(Actor actor, string action, string target, string summary, string? reason, string payload, CancellationToken ct)
    {
        var approval = new ApprovalRecord(0, action, target, payload, summary, actor.Name, reason, clock.GetUtcNow());
        var id = await store.Approvals.AddAsync(approval, ct).ConfigureAwait(false);
        await audit.RecordAsync(actor, "approval.request", $"approval:{id}", reason, $"{action} {target}: {summary}").ConfigureAwait(false);
        return approval with { Id = id };
    }

    /// <summary>Requests not decided within the expiry become expired; done before any request is read or decided.</summary>
    public Task<int> ExpireOldAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return store.Approvals.ExpireAsync(now - options.Expiry, now, ct);
    }

    /// <summary>Who an action is credited to: the requester, and the approver when it is someone else.</summary>
    public static string CarriedOutBy(Actor actor, string requestedBy) =>
        actor.Name == requestedBy ? requestedBy : $"{requestedBy}, approved by {actor.Name}";
}
