using Kairos.Client.Contracts;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Slots;
using Kairos.Scheduling;
using Kairos.Server.Access;
using Kairos.Server.Approvals;

namespace Kairos.Server.Api;

// Skip the next slot and backfill past business dates: operator actions that a second person can be asked to approve.
internal static partial class JobEndpoints
{
    private sealed record SkipNextPayload(string JobId, DateTimeOffset SlotTime, DateOnly BusinessDate, string Reason);

    private sealed record BackfillPayload(string JobId, DateOnly From, DateOnly To, string Reason);

    private const int MaxBackfillDays = 366;

    public static void MapJobOperations(this IEndpointRouteBuilder app, RouteGroupBuilder jobs)
    {
        var fourEyes = app.ServiceProvider.GetRequiredService<FourEyes>();
        fourEyes.Register(GatedActions.SkipNext, AccessPolicies.Operator, ExecuteSkipNextAsync);
        fourEyes.Register(GatedActions.Backfill, AccessPolicies.Operator, ExecuteBackfillAsync);
        jobs.MapPost("/{id}/skip-next", SkipNextAsync).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Skip the next slot that would run; it is recorded as skipped (reason operator) (operator; reason required; may need approval)");
        jobs.MapPost("/{id}/backfill", BackfillAsync).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Preview the slots of past business dates from..to; with confirm, queue a run for each (operator; reason required; may need approval)");
    }

    private static async Task<IResult> SkipNextAsync(string id, ActionRequest? body, HttpContext http, IKairosStore store, JobCatalog catalog, FourEyes fourEyes, TimeProvider clock, CancellationToken ct)
    {
        if (Problems.ReasonMissing(body?.Reason) is { } missing) return missing;
        if (await store.Jobs.GetAsync(id, ct) is null) return Problems.NotFound(ApiText.Get("Job.NotFound", id));
        if (Forbidden(http, catalog, id) is { } refused) return refused;
        if (catalog.Find(id) is not { Schedule: { } schedule } job) return Problems.Conflict(ApiText.Get("Job.NoSchedule", id));
        var now = clock.GetUtcNow();
        var calendar = schedule.CalendarId is { } cid ? catalog.Calendars.Find(cid) : null;
        var candidates = SlotPlanner.Plan(job, calendar, now, now.AddDays(366)).Where(s => s.Runs).Take(500).ToList();
        if (candidates.Count == 0) return Problems.NotFound(ApiText.Get("Job.NoNextSlot", id));
        var existing = (await store.Runs.SlotRunsAsync(id, candidates[0].Key.SlotTime, candidates[^1].Key.SlotTime.AddTicks(1), ct)).ToDictionary(r => r.SlotTime!.Value);
        // A slot already skipped by an operator is passed over, so asking twice skips the next two.
        var next = candidates.FirstOrDefault(s => existing.GetValueOrDefault(s.Key.SlotTime) is null or { State: RunState.Scheduled or RunState.Queued, Attempt: 0 });
        if (next is null) return Problems.NotFound(ApiText.Get("Job.NoNextSlot", id));
        var payload = new SkipNextPayload(id, next.Key.SlotTime, next.BusinessDate, body!.Reason!.Trim());
        return await fourEyes.RunOrRequestAsync(http, GatedActions.SkipNext, $"job:{id}", $"skip the slot of {id} at {LocalSlot(next.Key.SlotTime, schedule.Zone)}", payload.Reason, payload, ct);
    }

    private static async Task<GatedResult> ExecuteSkipNextAsync(HttpContext http, string payload, string requestedBy, CancellationToken ct)
    {
        var p = FourEyes.Read<SkipNextPayload>(payload);
        var (store, catalog, clock) = Services(http);
        if (Forbidden(http, catalog, p.JobId) is { } refused) return new(refused, false, "not allowed");
        var detail = $"skipped by {FourEyes.CarriedOutBy(http, requestedBy)}: {p.Reason}";
        var skipped = new NewRun(p.JobId, p.SlotTime, TriggerKind.Time, p.BusinessDate, p.SlotTime, RunState.Skipped, SkipReason.Operator, detail, requestedBy);
        var zone = catalog.Find(p.JobId)?.Schedule?.Zone ?? TimeZoneInfo.Utc;
        if (!await store.Runs.SkipSlotAsync(skipped, clock.GetUtcNow(), ct))
            return new(Problems.Conflict(ApiText.Get("Job.SlotStarted", p.JobId, LocalSlot(p.SlotTime, zone))), false, "the slot had already started");
        var run = (await store.Runs.GetBySlotAsync(p.JobId, p.SlotTime, ct))!;
        await http.AuditAsync(GatedActions.SkipNext, $"job:{p.JobId}", p.Reason, $"slot {LocalSlot(p.SlotTime, zone)} (run {run.Id})", "will run", "skipped");
        return new(TypedResults.Ok(run.ToDto()), true, $"slot {LocalSlot(p.SlotTime, zone)} skipped (run {run.Id})");
    }

    private static async Task<IResult> BackfillAsync(string id, BackfillRequest? body, HttpContext http, IKairosStore store, JobCatalog catalog, FourEyes fourEyes, TimeProvider clock, CancellationToken ct)
    {
        if (await store.Jobs.GetAsync(id, ct) is null) return Problems.NotFound(ApiText.Get("Job.NotFound", id));
        if (Forbidden(http, catalog, id) is { } refused) return refused;
        if (catalog.Find(id) is not { Schedule: { } schedule }) return Problems.Conflict(ApiText.Get("Job.NoSchedule", id));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), schedule.Zone).DateTime);
        if (!BusinessDates.TryParse(body?.From, out var from) || !BusinessDates.TryParse(body?.To, out var to)
            || from > to || to.DayNumber - from.DayNumber >= MaxBackfillDays || to > today)
            return Problems.Invalid(body?.From is null ? "from" : "to", ApiText.Get("Backfill.Range"));
        if (body!.Confirm && Problems.ReasonMissing(body.Reason) is { } missing) return missing;
        var (slots, _) = await PlanBackfillAsync(id, from, to, clock.GetUtcNow(), store, catalog, ct);
        if (slots.Count > BackfillSlots.MaxSlots) return Problems.Invalid("to", ApiText.Get("Backfill.TooMany", BackfillSlots.MaxSlots));
        if (!body.Confirm) return TypedResults.Ok(new BackfillDto(id, BusinessDates.ToText(from)!, BusinessDates.ToText(to)!, false, slots, []));
        var payload = new BackfillPayload(id, from, to, body.Reason!.Trim());
        return await fourEyes.RunOrRequestAsync(http, GatedActions.Backfill, $"job:{id}",
            $"backfill {id} for business dates {payload.From:yyyy-MM-dd}..{payload.To:yyyy-MM-dd}: {slots.Count(s => s.WillRun)} run(s)", payload.Reason, payload, ct);
    }

    private static async Task<GatedResult> ExecuteBackfillAsync(HttpContext http, string payload, string requestedBy, CancellationToken ct)
    {
        var p = FourEyes.Read<BackfillPayload>(payload);
        var (store, catalog, clock) = Services(http);
        if (Forbidden(http, catalog, p.JobId) is { } refused) return new(refused, false, "not allowed");
        if (await store.Jobs.GetAsync(p.JobId, ct) is null) return new(Problems.NotFound(ApiText.Get("Job.NotFound", p.JobId)), false, "the job no longer exists");
        // Planned again now: what runs is what the schedule and the store say at this moment, not at the preview.
        var now = clock.GetUtcNow();
        var (slots, toRun) = await PlanBackfillAsync(p.JobId, p.From, p.To, now, store, catalog, ct);
        var by = FourEyes.CarriedOutBy(http, requestedBy);
        var created = new List<long>();
        // Due a millisecond apart, so they are claimed in business-date order and, under overlap forbid, run one after another.
        foreach (var (slot, i) in toRun.Select((s, i) => (s, i)))
        {
            created.Add(await store.Runs.AddRunAsync(new NewRun(p.JobId, null, TriggerKind.Backfill, BusinessDates.Parse(slot.BusinessDate), now.AddMilliseconds(i), RunState.Queued,
                Detail: $"backfill of the slot at {slot.SlotLocal} by {by}: {p.Reason}", RequestedBy: requestedBy), now, ct));
        }
        await http.AuditAsync(GatedActions.Backfill, $"job:{p.JobId}", p.Reason,
            $"{p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd}: {created.Count} run(s) created" + (created.Count > 0 ? $", {created[0]}..{created[^1]}" : ""));
        http.RequestServices.GetRequiredService<KairosScheduler>().Wake();
        var dto = new BackfillDto(p.JobId, BusinessDates.ToText(p.From)!, BusinessDates.ToText(p.To)!, true, slots, created);
        return new(TypedResults.Ok(dto), true, $"{created.Count} run(s) queued" + (created.Count > 0 ? $": {created[0]}..{created[^1]}" : ""));
    }

    /// <summary>
    /// Every past slot in the range, and those to run: not when the slot, or a backfill or manual run for its business
    /// date, succeeded or is under way. Slots still to come are left to the schedule.
    /// </summary>
    private static async Task<(IReadOnlyList<BackfillSlotDto> Slots, IReadOnlyList<BackfillSlotDto> ToRun)> PlanBackfillAsync(
        string id, DateOnly from, DateOnly to, DateTimeOffset now, IKairosStore store, JobCatalog catalog, CancellationToken ct)
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
            return new BackfillSlotDto(s.Key.SlotTime, LocalSlot(s.Key.SlotTime, schedule.Zone), BusinessDates.ToText(s.BusinessDate)!, run?.Id, run?.State.ToWire(), !done);
        }).ToList();
        return (slots, slots.Where(s => s.WillRun).ToList());
    }

    private static string LocalSlot(DateTimeOffset slot, TimeZoneInfo zone) => $"{TimeZoneInfo.ConvertTime(slot, zone):yyyy-MM-dd HH:mm} {zone.Id}";

    private static (IKairosStore Store, JobCatalog Catalog, TimeProvider Clock) Services(HttpContext http) =>
        (http.RequestServices.GetRequiredService<IKairosStore>(), http.RequestServices.GetRequiredService<JobCatalog>(), http.RequestServices.GetRequiredService<TimeProvider>());
}
