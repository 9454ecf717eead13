using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Server.Approvals;

namespace Kairos.Server.Operations.Runs;

/// <summary>Mark a failed, timed-out or killed run succeeded.</summary>
internal sealed class MarkRunSucceeded(FourEyes fourEyes, IKairosStore store, OwnerScope scope, OperationAudit audit, TimeProvider clock)
    : RunOperation<Run>(fourEyes, store, scope)
{
    public override string Name => GatedActions.MarkSucceeded;

    public async Task<Outcome<Run>> ExecuteAsync(Actor actor, long id, string? reason, CancellationToken ct)
    {
        var (run, refusal) = await CheckAsync(actor, id, reason, r => r.State.IsUnsuccessful() ? null : Refusal.Conflict(ApiText.Get("Run.NotFailed", id, r.State.ToWire())), ct);
        if (refusal is not null) return refusal;
        var payload = new Payload(id, reason!.Trim());
        return await RunOrRequestAsync(actor, $"run:{id}", $"mark run {id} of {run!.JobId} ({run.State.ToWire()}) succeeded", payload.Reason, payload, ct);
    }

    protected override async Task<Outcome<Run>> CarryOutAsync(Actor actor, Payload p, string requestedBy, CancellationToken ct)
    {
        var (run, refused) = await RecheckAsync(actor, p.RunId, ct);
        if (refused is not null) return refused;
        var detail = $"marked succeeded by {FourEyes.CarriedOutBy(actor, requestedBy)}: {p.Reason}";
        if (!await Store.Runs.MarkSucceededAsync(p.RunId, detail, clock.GetUtcNow(), ct))
            return Outcome<Run>.Refused(Refusal.Conflict(ApiText.Get("Run.NotFailed", p.RunId, run!.State.ToWire())), $"run {p.RunId} was {run.State.ToWire()}");
        await audit.RecordAsync(actor, GatedActions.MarkSucceeded, $"run:{p.RunId}", p.Reason, $"job {run!.JobId}", run.State.ToWire(), RunState.Succeeded.ToWire());
        return Outcome<Run>.Done((await Store.Runs.GetAsync(p.RunId, ct))!, $"run {p.RunId} marked succeeded");
    }
}
