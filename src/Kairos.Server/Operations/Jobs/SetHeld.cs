using Kairos.Core.Ports;
using Kairos.Server.Approvals;

namespace Kairos.Server.Operations.Jobs;

/// <summary>Hold a job (its slots are skipped until released) or release it: an operator's, for jobs in their owner scope.</summary>
internal abstract class SetHeld(FourEyes fourEyes, IKairosStore store, OwnerScope scope, OperationAudit audit)
    : GatedOperation<SetHeld.Payload, JobRecord>(fourEyes)
{
    internal sealed record Payload(string JobId, bool Held, string Reason);

    protected abstract bool Held { get; }

    public async Task<Outcome<JobRecord>> ExecuteAsync(Actor actor, string jobId, string? reason, CancellationToken ct)
    {
        if (RoleRefusal(actor) is { } role) return role;
        if (Refusal.ReasonMissing(reason) is { } missing) return missing;
        if (!scope.MayRead(actor, await store.Jobs.GetAsync(jobId, ct))) return Refusal.NotFound(ApiText.Get("Job.NotFound", jobId));
        if (scope.ActRefusal(actor, jobId) is { } refused) return refused;
        var payload = new Payload(jobId, Held, reason!.Trim());
        return await RunOrRequestAsync(actor, $"job:{jobId}", $"{(Held ? "hold" : "release")} {jobId}", payload.Reason, payload, ct);
    }

    protected override Task<JobOfPayload> JobOfAsync(Payload payload, CancellationToken ct) => Task.FromResult(new JobOfPayload(payload.JobId));

    protected override async Task<Outcome<JobRecord>> CarryOutAsync(Actor actor, Payload p, string requestedBy, CancellationToken ct)
    {
        if (scope.ActRefusal(actor, p.JobId) is { } refused) return Outcome<JobRecord>.Refused(refused, "not allowed");
        var record = await store.Jobs.GetAsync(p.JobId, ct);
        if (record is null || !await store.Jobs.SetHeldAsync(p.JobId, p.Held, FourEyes.CarriedOutBy(actor, requestedBy), p.Reason, ct))
            return Outcome<JobRecord>.Refused(Refusal.NotFound(ApiText.Get("Job.NotFound", p.JobId)), "the job no longer exists");
        var (before, after) = (record.Held ? "held" : "released", p.Held ? "held" : "released");
        await audit.RecordAsync(actor, p.Held ? GatedActions.Hold : GatedActions.Release, $"job:{p.JobId}", p.Reason, before: before, after: after);
        return Outcome<JobRecord>.Done((await store.Jobs.GetAsync(p.JobId, ct))!, $"{p.JobId} {after}");
    }
}

internal sealed class HoldJob(FourEyes fourEyes, IKairosStore store, OwnerScope scope, OperationAudit audit) : SetHeld(fourEyes, store, scope, audit)
{
    public override string Name => GatedActions.Hold;

    protected override bool Held => true;
}

internal sealed class ReleaseJob(FourEyes fourEyes, IKairosStore store, OwnerScope scope, OperationAudit audit) : SetHeld(fourEyes, store, scope, audit)
{
    public override string Name => GatedActions.Release;

    protected override bool Held => false;
}
