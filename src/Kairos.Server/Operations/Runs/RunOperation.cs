using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Server.Operations.Runs;

/// <summary>An operator action on one run. Its payload names the run; its job is the run's, read when needed (a run never changes job).</summary>
internal abstract class RunOperation<TResult>(FourEyes fourEyes, IKairosStore store, OwnerScope scope)
    : GatedOperation<RunOperation<TResult>.Payload, TResult>(fourEyes)
{
    internal sealed record Payload(long RunId, string Reason);

    protected IKairosStore Store => store;

    protected override async Task<JobOfPayload> JobOfAsync(Payload payload, CancellationToken ct) =>
        await store.Runs.GetAsync(payload.RunId, ct) is { } run ? new JobOfPayload(run.JobId) : new JobOfPayload(null, Vanished: true);

    /// <summary>The run, or the refusal to give: missing or unreadable, outside the actor's owner scope, or not in a state the action fits.</summary>
    protected async Task<(Run? Run, Refusal? Refusal)> FindRunAsync(Actor actor, long id, Func<Run, Refusal?> unfit, CancellationToken ct)
    {
        var run = await store.Runs.GetAsync(id, ct);
        if (run is null || !await scope.MayReadJobAsync(actor, run.JobId, store, ct)) return (null, Refusal.NotFound(ApiText.Get("Run.NotFound", id)));
        return (run, scope.ActRefusal(actor, run.JobId) ?? unfit(run));
    }

    /// <summary>The checks every run action makes before it is carried out or stored for approval.</summary>
    protected async Task<(Run? Run, Refusal? Refusal)> CheckAsync(Actor actor, long id, string? reason, Func<Run, Refusal?> unfit, CancellationToken ct)
    {
        if (RoleRefusal(actor) is { } role) return (null, role);
        if (Refusal.ReasonMissing(reason) is { } missing) return (null, missing);
        return await FindRunAsync(actor, id, unfit, ct);
    }

    /// <summary>The run again when carrying out, with the line an approval keeps when it cannot be.</summary>
    protected async Task<(Run? Run, Outcome<TResult>? Refused)> RecheckAsync(Actor actor, long id, CancellationToken ct)
    {
        var (run, refusal) = await FindRunAsync(actor, id, _ => null, ct);
        return refusal is null ? (run, null) : (run, Outcome<TResult>.Refused(refusal, run is null ? "the run no longer exists" : "not allowed"));
    }
}
