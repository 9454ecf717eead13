using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Scheduling;
using Kairos.Server.Approvals;

namespace Kairos.Server.Operations.Runs;

/// <summary>Kill a running run (SIGTERM, then SIGKILL) or cancel one not yet started.</summary>
internal sealed class KillRun(FourEyes fourEyes, IKairosStore store, OwnerScope scope, OperationAudit audit, KairosScheduler scheduler, TimeProvider clock)
    : RunOperation<Run>(fourEyes, store, scope)
{
    public override string Name => GatedActions.Kill;

    public async Task<Outcome<Run>> ExecuteAsync(Actor actor, long id, string? reason, CancellationToken ct)
    {
        var (run, refusal) = await CheckAsync(actor, id, reason, r => r.State.IsFinal() ? Refusal.Conflict(ApiText.Get("Run.AlreadyFinished", id, r.State.ToWire())) : null, ct);
        if (refusal is not null) return refusal;
        var payload = new Payload(id, reason!.Trim());
        return await RunOrRequestAsync(actor, $"run:{id}", $"kill run {id} of {run!.JobId} ({run.State.ToWire()})", payload.Reason, payload, ct);
    }

    protected override async Task<Outcome<Run>> CarryOutAsync(Actor actor, Payload p, string requestedBy, CancellationToken ct)
    {
        var (run, refused) = await RecheckAsync(actor, p.RunId, ct);
        if (refused is not null) return refused;
        var by = FourEyes.CarriedOutBy(actor, requestedBy);
        var before = run!.State;
        // A waiting run may start between the read and the cancel; the operator meant "stop it" either way, so look again.
        for (var attempt = 0; attempt < 3 && run is not null; attempt++)
        {
            if (run.State.IsFinal())
                return Outcome<Run>.Refused(Refusal.Conflict(ApiText.Get("Run.AlreadyFinished", p.RunId, run.State.ToWire())), $"run {p.RunId} had already finished ({run.State.ToWire()})");
            if (await TryStopAsync(run, by, clock.GetUtcNow(), ct))
            {
                var after = await Store.Runs.GetAsync(p.RunId, ct);
                await audit.RecordAsync(actor, GatedActions.Kill, $"run:{p.RunId}", p.Reason, $"job {run.JobId}", before.ToWire(), after?.State.ToWire());
                return Outcome<Run>.Done(after!, $"run {p.RunId} {after!.State.ToWire()}");
            }
            run = await Store.Runs.GetAsync(p.RunId, ct);
        }
        return Outcome<Run>.Refused(Refusal.Conflict(ApiText.Get("Run.ChangedMeanwhile", p.RunId)), $"run {p.RunId} kept changing");
    }

    private async Task<bool> TryStopAsync(Run run, string actor, DateTimeOffset now, CancellationToken ct)
    {
        if (run.State.IsWaiting()) return await Store.Runs.CancelWaitingAsync(run.Id, actor, now, ct);
        // Running (or being claimed): the run's own node acts on the request; this node may be it.
        var done = await Store.Runs.RequestKillAsync(run.Id, actor, now, ct);
        scheduler.Kill(run.Id, actor);
        return done;
    }
}
