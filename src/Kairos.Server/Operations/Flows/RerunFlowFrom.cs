using Kairos.Core.Flows;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Scheduling;
using Kairos.Server.Approvals;

namespace Kairos.Server.Operations.Flows;

/// <summary>What a rerun from a step created: the step's new run first, then its downstream's waiting runs.</summary>
internal sealed record FlowRerun(string Flow, DateOnly BusinessDate, IReadOnlyList<QueuedRun> Runs);

/// <summary>
/// Rerun a flow run from a step: that step again and every step downstream of it, for the business date; the other
/// branches stay as they are. The runs are created together in one transaction (<see cref="FlowRerunPlan"/>), so a
/// crash never leaves the step rerun with its downstream still counting the old run.
/// </summary>
internal sealed class RerunFlowFrom(FourEyes fourEyes, IKairosStore store, OwnerScope scope, OperationAudit audit, FlowRuns flows, KairosScheduler scheduler, TimeProvider clock)
    : GatedOperation<RerunFlowFrom.Payload, FlowRerun>(fourEyes)
{
    internal sealed record Payload(string Flow, DateOnly BusinessDate, string From, string Reason);

    public override string Name => GatedActions.FlowRerun;

    public async Task<Outcome<FlowRerun>> ExecuteAsync(Actor actor, string flowName, DateOnly date, string? from, string? reason, CancellationToken ct)
    {
        if (RoleRefusal(actor) is { } role) return role;
        if (Refusal.ReasonMissing(reason) is { } missing) return missing;
        var (flow, refusal) = await FindAsync(actor, flowName, from, ct);
        if (refusal is not null) return refusal;
        var (_, busy) = await PlanAsync(flow!, date, from!, "", "", ct);
        if (busy is not null) return busy;
        var payload = new Payload(flowName, date, from!, reason!.Trim());
        // A rerun of runs by another door: where one run's rerun needs a second person, so does this.
        return await RunOrRequestAsync(actor, $"flow:{flowName}", $"rerun flow {flowName} for business date {BusinessDates.ToText(date)} from step {from}", payload.Reason, payload, ct,
            GatedActions.Rerun);
    }

    protected override Task<JobOfPayload> JobOfAsync(Payload payload, CancellationToken ct) => Task.FromResult(new JobOfPayload(payload.From));

    protected override async Task<Outcome<FlowRerun>> CarryOutAsync(Actor actor, Payload p, string requestedBy, CancellationToken ct)
    {
        // Again when carrying out: an approval may come hours later, after the flow or its runs changed.
        var (flow, refusal) = await FindAsync(actor, p.Flow, p.From, ct);
        if (refusal is not null) return Outcome<FlowRerun>.Refused(refusal, "the flow or step no longer exists, or is not allowed");
        var detail = $"rerun of flow {p.Flow} from step {p.From} by {FourEyes.CarriedOutBy(actor, requestedBy)}: {p.Reason}";
        var (runs, busy) = await PlanAsync(flow!, p.BusinessDate, p.From, requestedBy, detail, ct);
        if (busy is not null) return Outcome<FlowRerun>.Refused(busy, "a step of it has not ended");
        var ids = await store.Runs.AddRunsAsync(runs, clock.GetUtcNow(), ct);
        var created = runs.Select((r, i) => new QueuedRun(ids[i], r.JobId, p.BusinessDate)).ToList();
        await audit.RecordAsync(actor, GatedActions.FlowRerun, $"flow:{p.Flow}", p.Reason,
            $"{BusinessDates.ToText(p.BusinessDate)} from {p.From}: " + string.Join(", ", created.Select(c => $"{c.JobId} run {c.RunId}")));
        scheduler.Wake();
        return Outcome<FlowRerun>.Done(new FlowRerun(p.Flow, p.BusinessDate, created), $"{created.Count} run(s)");
    }

    // The flow as the actor may see it, and the step in it; an operator must be allowed to act on every step it reruns.
    private async Task<(Flow? Flow, Refusal? Refusal)> FindAsync(Actor actor, string flowName, string? from, CancellationToken ct)
    {
        var records = (await store.Jobs.ListAsync(ct)).ToDictionary(j => j.Id, StringComparer.Ordinal);
        if (flows.Find(flowName, id => scope.MayRead(actor, records.GetValueOrDefault(id))) is not { } flow) return (null, Refusal.NotFound(ApiText.Get("Flow.NotFound", flowName)));
        if (string.IsNullOrWhiteSpace(from)) return (null, Refusal.Invalid("from", ApiText.Get("Flow.FromRequired")));
        if (flow.Find(from) is null) return (null, Refusal.Invalid("from", ApiText.Get("Flow.UnknownStep", from, flowName, string.Join(", ", flow.Steps.Select(s => s.Id)))));
        foreach (var step in flow.FromStep(from))
            if (scope.ActRefusal(actor, step.Id) is { } refused) return (null, refused);
        return (flow, null);
    }

    private async Task<(IReadOnlyList<NewRun> Runs, Refusal? Busy)> PlanAsync(Flow flow, DateOnly date, string from, string requestedBy, string detail, CancellationToken ct)
    {
        var status = await flows.JudgeAsync(flow, date, ct);
        var latest = status.Steps.Where(s => s.Run is not null).ToDictionary(s => s.Step.Id, s => s.Run!, StringComparer.Ordinal);
        var (runs, busy) = FlowRerunPlan.Make(flow, date, from, latest, clock.GetUtcNow(), requestedBy, detail);
        return busy is null
            ? (runs, null)
            : ([], Refusal.Conflict(ApiText.Get("Flow.StepBusy", busy.Id, latest[busy.Id].Id, latest[busy.Id].State.ToWire(), BusinessDates.ToText(date))));
    }
}
