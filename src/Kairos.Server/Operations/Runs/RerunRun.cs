using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Scheduling;
using Kairos.Server.Approvals;

namespace Kairos.Server.Operations.Runs;

/// <summary>Run a finished run's job again for the same business date.</summary>
internal sealed class RerunRun(FourEyes fourEyes, IKairosStore store, OwnerScope scope, OperationAudit audit, KairosScheduler scheduler, TimeProvider clock)
    : RunOperation<QueuedRun>(fourEyes, store, scope)
{
    public override string Name => GatedActions.Rerun;

    public async Task<Outcome<QueuedRun>> ExecuteAsync(Actor actor, long id, string? reason, CancellationToken ct)
    {
        var (run, refusal) = await CheckAsync(actor, id, reason, r => r.State.IsFinal() ? null : Refusal.Conflict(ApiText.Get("Run.NotFinished", id, r.State.ToWire())), ct);
        if (refusal is not null) return refusal;
        if (await Store.Jobs.GetAsync(run!.JobId, ct) is null) return Refusal.Conflict(ApiText.Get("Job.Gone", run.JobId));
        var payload = new Payload(id, reason!.Trim());
        return await RunOrRequestAsync(actor, $"run:{id}", $"rerun run {id} of {run.JobId} for business date {BusinessDates.ToText(run.BusinessDate)}", payload.Reason, payload, ct);
    }

    protected override async Task<Outcome<QueuedRun>> CarryOutAsync(Actor actor, Payload p, string requestedBy, CancellationToken ct)
    {
        var (run, refused) = await RecheckAsync(actor, p.RunId, ct);
        if (refused is not null) return refused;
        if (await Store.Jobs.GetAsync(run!.JobId, ct) is null) return Outcome<QueuedRun>.Refused(Refusal.Conflict(ApiText.Get("Job.Gone", run.JobId)), "the job no longer exists");
        var now = clock.GetUtcNow();
        var newId = await Store.Runs.AddRunAsync(new NewRun(run.JobId, null, TriggerKind.Manual, run.BusinessDate, now, RunState.Queued,
            Detail: $"rerun of run {p.RunId} by {FourEyes.CarriedOutBy(actor, requestedBy)}: {p.Reason}", RequestedBy: requestedBy, RerunOf: p.RunId), now, ct);
        await audit.RecordAsync(actor, GatedActions.Rerun, $"run:{p.RunId}", p.Reason, $"new run {newId}");
        scheduler.Wake();
        return Outcome<QueuedRun>.Done(new QueuedRun(newId, run.JobId, run.BusinessDate), $"new run {newId}");
    }
}
