using Kairos.Core.Ports;

namespace Kairos.Server.Operations;

/// <summary>
/// The audit entries of operations. Not cancelled with the request: by the time one is written the change has been
/// made, and a caller hanging up must not leave it unrecorded.
/// </summary>
internal sealed class OperationAudit(IKairosStore store, TimeProvider clock)
{
    public async Task RecordAsync(Actor actor, string action, string target, string? reason = null, string? detail = null, string? before = null, string? after = null)
    {
        await store.Audit.AppendAsync(new AuditEntry(clock.GetUtcNow(), actor.Name, action, target, reason, detail, 0, actor.Source, before, after), CancellationToken.None);
        actor.Audited?.Invoke();
    }
}
