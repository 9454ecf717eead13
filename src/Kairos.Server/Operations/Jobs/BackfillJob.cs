using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Slots;
using Kairos.Scheduling;
using Kairos.Server.Approvals;

namespace Kairos.Server.Operations.Jobs;

/// <summary>Preview the slots of past business dates from..to; with confirm, queue a run for each that did not run.</summary>
internal sealed class BackfillJob(FourEyes fourEyes, IKairosStore store, JobCatalog catalog, OwnerScope scope, OperationAudit audit, KairosScheduler scheduler, TimeProvider clock)
    : GatedOperation<BackfillJob.Payload, BackfillDto>(fourEyes)
{
    internal sealed record Payload(string JobId, DateOnly From, DateOnly To, string Reason);

    private const int MaxBackfillDays = 366;

    public override string Name => GatedActions.Backfill;

    public async Task<Outcome<BackfillDto>> ExecuteAsync(Actor actor, string jobId, BackfillRequest? body, CancellationToken ct)
    {
        if (RoleRefusal(actor) is { } role) return role;
        if (await store.Jobs.GetAsync(jobId, ct) is null) return Refusal.NotFound(ApiText.Get("Job.NotFound", jobId));
        if (scope.ActRefusal(actor, jobId) is { } refused) return refused;
        if (catalog.Find(jobId) is not { Schedule: { } schedule }) return Refusal.Conflict(ApiText.Get("Job.NoSchedule", jobId));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), schedule.Zone).DateTime);
        if (!BusinessDates.TryParse(body?.From, out var from) || !BusinessDates.TryParse(body?.To, out var to)
            || from > to || to.DayNumber - from.DayNumber >= MaxBackfillDays || to > today || from < BackfillSlots.FirstDate)
            return Refusal.Invalid(body?.From is null ? "from" : "to", ApiText.Get("Backfill.Range"));
        if (body!.Confirm && Refusal.ReasonMissing(body.Reason) is { } missing) return missing;
        var (slots, _) = await PlanAsync(jobId, from, to, clock.GetUtcNow(), ct);
        if (slots.Count > BackfillSlots.MaxSlots) return Refusal.Invalid("to", ApiText.Get("Backfill.TooMany", BackfillSlots.MaxSlots));
        if (!body.Confirm) return Outcome<BackfillDto>.Done(new BackfillDto(jobId, BusinessDates.ToText(from)!, BusinessDates.ToText(to)!, false, slots, []));
        var payload = new Payload(jobId, from, to, body.Reason!.Trim());
        return await RunOrRequestAsync(actor, $"job:{jobId}",
            $"backfill {jobId} for business dates {payload.From:yyyy-MM-dd}..{payload.To:yyyy-MM-dd}: {slots.Count(s => s.WillRun)} run(s)", payload.Reason, payload, ct);
    }

    protected override Task<JobOfPayload> JobOfAsync(Payload payload, CancellationToken ct) => Task.FromResult(new JobOfPayload(payload.JobId));

    protected override async Task<Outcome<BackfillDto>> CarryOutAsync(Actor actor, Payload p, string requestedBy, CancellationToken ct)
    {
        if (scope.ActRefusal(actor, p.JobId) is { } refused) return Outcome<BackfillDto>.Refused(refused, "not allowed");
        if (await store.Jobs.GetAsync(p.JobId, ct) is null) return Outcome<BackfillDto>.Refused(Refusal.NotFound(ApiText.Get("Job.NotFound", p.JobId)), "the job no longer exists");
        // Planned again now: what runs is what the schedule and the store say at this moment, not at the preview.
        var now = clock.GetUtcNow();
        var (slots, toRun) = await PlanAsync(p.JobId, p.From, p.To, now, ct);
        var by = FourEyes.CarriedOutBy(actor, requestedBy);
        var created = new List<long>();
        // Due a millisecond apart, so they are claimed in business-date order and, under overlap forbid, run one after another.
        foreach (var (slot, i) in toRun.Select((s, i) => (s, i)))
        {
            created.Add(await store.Runs.AddRunAsync(new NewRun(p.JobId, null, TriggerKind.Backfill, BusinessDates.Parse(slot.BusinessDate), now.AddMilliseconds(i), RunState.Queued,
                Detail: $"backfill of the slot at {slot.SlotLocal} by {by}: {p.Reason}", RequestedBy: requestedBy), now, ct));
        }
        await audit.RecordAsync(actor, GatedActions.Backfill, $"job:{p.JobId}", p.Reason,
            $"{p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd}: {created.Count} run(s) created" + (created.Count > 0 ? $", {created[0]}..{created[^1]}" : ""));
        scheduler.Wake();
        var dto = new BackfillDto(p.JobId, BusinessDates.ToText(p.From)!, BusinessDates.ToText(p.To)!, true, slots, created);
        return Outcome<BackfillDto>.Done(dto, $"{created.Count} run(s) queued" + (created.Count > 0 ? $": {created[0]}..{created[^1]}" : ""));
    }

    /// <summary>
    /// Every past slot in the range, and those to run: not when the slot, or a backfill or manual run for its business
    /// date, succeeded or is under way. Slots still to come are left to the schedule.
    /// </summary>
    private async Task<(IReadOnlyList<BackfillSlotDto> Slots, IReadOnlyList<BackfillSlotDto> ToRun)> PlanAsync(string id, DateOnly from, DateOnly to, DateTimeOffset now, CancellationToken ct)
    {
        var job = catalog.Find(id)!;
        var schedule = job.Schedule!;
        var calendar = schedule.CalendarId is { } cid ? catalog.Calendars.Find(cid) : null;
        var planned = BackfillSlots.Between(job, calendar, from, to).Where(s => s.Key.SlotTime <= now).ToList();
        if (planned.Count == 0) return ([], []);
        var own = (await store.Runs.SlotRunsAsync(id, planned[0].Key.SlotTime, planned[^1].Key.SlotTime.AddTicks(1), ct)).ToDictionary(r => r.SlotTime!.Value);
        var covered = (await store.Runs.BusinessDateRunsAsync(id, from, to, ct))
            .Where(r => r.SlotTime is null && r.State is RunState.Succeeded or RunState.Running or RunState.Queued or RunState.Scheduled)
            .Select(r => r.BusinessDate!.Value).ToHashSet();
        var slots = planned.Select(s =>
        {
            var run = own.GetValueOrDefault(s.Key.SlotTime);
            var done = run is { State: RunState.Succeeded or RunState.Running } || covered.Contains(s.BusinessDate);
            return new BackfillSlotDto(s.Key.SlotTime, LocalSlot.Of(s.Key.SlotTime, schedule.Zone), BusinessDates.ToText(s.BusinessDate)!, run?.Id, run?.State.ToWire(), !done);
        }).ToList();
        return (slots, slots.Where(s => s.WillRun).ToList());
    }
}
