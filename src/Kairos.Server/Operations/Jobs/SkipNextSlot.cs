using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Slots;
using Kairos.Scheduling;
using Kairos.Server.Approvals;

namespace Kairos.Server.Operations.Jobs;

/// <summary>Skip the next slot that would run; it is recorded as skipped (reason operator).</summary>
internal sealed class SkipNextSlot(FourEyes fourEyes, IKairosStore store, JobCatalog catalog, OwnerScope scope, OperationAudit audit, TimeProvider clock)
    : GatedOperation<SkipNextSlot.Payload, Run>(fourEyes)
{
    internal sealed record Payload(string JobId, DateTimeOffset SlotTime, DateOnly BusinessDate, string Reason);

    public override string Name => GatedActions.SkipNext;

    public async Task<Outcome<Run>> ExecuteAsync(Actor actor, string jobId, string? reason, CancellationToken ct)
    {
        if (RoleRefusal(actor) is { } role) return role;
        if (Refusal.ReasonMissing(reason) is { } missing) return missing;
        if (await store.Jobs.GetAsync(jobId, ct) is null) return Refusal.NotFound(ApiText.Get("Job.NotFound", jobId));
        if (scope.ActRefusal(actor, jobId) is { } refused) return refused;
        if (catalog.Find(jobId) is not { Schedule: { } schedule } job) return Refusal.Conflict(ApiText.Get("Job.NoSchedule", jobId));
        var now = clock.GetUtcNow();
        var calendar = schedule.CalendarId is { } cid ? catalog.Calendars.Find(cid) : null;
        var candidates = SlotPlanner.Plan(job, calendar, now, now.AddDays(366)).Where(s => s.Runs).Take(500).ToList();
        if (candidates.Count == 0) return Refusal.NotFound(ApiText.Get("Job.NoNextSlot", jobId));
        var existing = (await store.Runs.SlotRunsAsync(jobId, candidates[0].Key.SlotTime, candidates[^1].Key.SlotTime.AddTicks(1), ct)).ToDictionary(r => r.SlotTime!.Value);
        // A slot already skipped by an operator is passed over, so asking twice skips the next two.
        var next = candidates.FirstOrDefault(s => existing.GetValueOrDefault(s.Key.SlotTime) is null or { State: RunState.Scheduled or RunState.Queued, Attempt: 0 });
        if (next is null) return Refusal.NotFound(ApiText.Get("Job.NoNextSlot", jobId));
        var payload = new Payload(jobId, next.Key.SlotTime, next.BusinessDate, reason!.Trim());
        return await RunOrRequestAsync(actor, $"job:{jobId}", $"skip the slot of {jobId} at {LocalSlot.Of(next.Key.SlotTime, schedule.Zone)}", payload.Reason, payload, ct);
    }

    protected override Task<JobOfPayload> JobOfAsync(Payload payload, CancellationToken ct) => Task.FromResult(new JobOfPayload(payload.JobId));

    protected override async Task<Outcome<Run>> CarryOutAsync(Actor actor, Payload p, string requestedBy, CancellationToken ct)
    {
        if (scope.ActRefusal(actor, p.JobId) is { } refused) return Outcome<Run>.Refused(refused, "not allowed");
        var detail = $"skipped by {FourEyes.CarriedOutBy(actor, requestedBy)}: {p.Reason}";
        var skipped = new NewRun(p.JobId, p.SlotTime, TriggerKind.Time, p.BusinessDate, p.SlotTime, RunState.Skipped, SkipReason.Operator, detail, requestedBy);
        var zone = catalog.Find(p.JobId)?.Schedule?.Zone ?? TimeZoneInfo.Utc;
        var slot = LocalSlot.Of(p.SlotTime, zone);
        if (!await store.Runs.SkipSlotAsync(skipped, clock.GetUtcNow(), ct))
            return Outcome<Run>.Refused(Refusal.Conflict(ApiText.Get("Job.SlotStarted", p.JobId, slot)), "the slot had already started");
        var run = (await store.Runs.GetBySlotAsync(p.JobId, p.SlotTime, ct))!;
        await audit.RecordAsync(actor, GatedActions.SkipNext, $"job:{p.JobId}", p.Reason, $"slot {slot} (run {run.Id})", "will run", "skipped");
        return Outcome<Run>.Done(run, $"slot {slot} skipped (run {run.Id})");
    }
}
