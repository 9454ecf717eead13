using System.Globalization;
using Kairos.Calendars;
using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Slots;
using Kairos.Definitions;
using Kairos.Scheduling;
using Kairos.Server.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kairos.Server.Api;

internal static partial class JobEndpoints
{
    public static void MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization(AccessPolicies.Viewer);
        jobs.MapGet("/", ListAsync).WithSummary("Every job with its state");
        jobs.MapGet("/{id}", GetAsync).WithSummary("One job");
        jobs.MapPut("/{id}", PutAsync).Accepts<JobDefinition>("application/json").RequireAuthorization(AccessPolicies.Admin).WithSummary("Create or replace a job from its definition (admin)");
        jobs.MapDelete("/{id}", DeleteAsync).RequireAuthorization(AccessPolicies.Admin).WithSummary("Remove a job; its runs stay (admin)");
        jobs.MapPost("/validate", ValidateAsync).Accepts<JobDefinition>("application/json").WithSummary("Check a definition without saving it");
        jobs.MapGet("/{id}/explain", ExplainAsync).WithSummary("Next slots and recent runs, with the reason for each skipped slot");
        jobs.MapPost("/{id}/hold", (string id, ActionRequest? body, HttpContext http, IKairosStore store, JobCatalog catalog, TimeProvider clock, CancellationToken ct) =>
            SetHeldAsync(id, true, body, http, store, catalog, clock, ct)).RequireAuthorization(AccessPolicies.Operator).WithSummary("Hold: slots are skipped until released (operator; reason required)");
        jobs.MapPost("/{id}/release", (string id, ActionRequest? body, HttpContext http, IKairosStore store, JobCatalog catalog, TimeProvider clock, CancellationToken ct) =>
            SetHeldAsync(id, false, body, http, store, catalog, clock, ct)).RequireAuthorization(AccessPolicies.Operator).WithSummary("Release a held job (operator; reason required)");
        jobs.MapPost("/{id}/trigger", TriggerAsync).RequireAuthorization(AccessPolicies.Operator).WithSummary("Run a job now, for a business date (operator; reason required)");
        app.MapJobOperations(jobs);
    }

    private static async Task<Ok<List<JobDto>>> ListAsync(IKairosStore store, JobCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok((await store.Jobs.ListAsync(ct)).Select(r => r.ToDto(catalog.Find(r.Id))).ToList());

    private static async Task<IResult> GetAsync(string id, IKairosStore store, JobCatalog catalog, CancellationToken ct) =>
        await store.Jobs.GetAsync(id, ct) is { } record ? TypedResults.Ok(record.ToDto(catalog.Find(id))) : Problems.NotFound(ApiText.Get("Job.NotFound", id));

    private static async Task<IResult> PutAsync(string id, HttpContext http, IKairosStore store, JobCatalog catalog, ICalendarSource calendars, KairosScheduler scheduler, TimeProvider clock, CancellationToken ct)
    {
        var (definition, problem) = await ReadDefinitionAsync(http.Request, ct);
        if (definition is null) return problem!;
        definition.Id ??= id;
        if (definition.Id != id) return Problems.Invalid("id", ApiText.Get("Job.IdMismatch", definition.Id, id));
        var (job, errors) = new JobValidator(calendars).Validate(definition);
        if (job is null) return Problems.Invalid(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        var before = await store.Jobs.GetAsync(id, ct);
        await store.Jobs.UpsertAsync(new JobRecord(id, JobJson.Serialize(definition), "api", job.Overlap, clock.GetUtcNow()), job.HeldInitially, ct);
        await http.AuditAsync(before is null ? "job.create" : "job.update", $"job:{id}", before: before?.DefinitionJson, after: JobJson.Serialize(definition));
        await scheduler.PlanOnceAsync(ct);
        return TypedResults.Ok((await store.Jobs.GetAsync(id, ct))!.ToDto(catalog.Find(id)));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, IKairosStore store, TimeProvider clock, CancellationToken ct)
    {
        var before = await store.Jobs.GetAsync(id, ct);
        if (before is null || !await store.Jobs.DeleteAsync(id, ct)) return Problems.NotFound(ApiText.Get("Job.NotFound", id));
        await http.AuditAsync("job.delete", $"job:{id}", before: before.DefinitionJson);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ValidateAsync(HttpRequest request, ICalendarSource calendars, CancellationToken ct)
    {
        var (definition, problem) = await ReadDefinitionAsync(request, ct);
        if (definition is null) return problem!;
        var (job, errors) = new JobValidator(calendars).Validate(definition);
        return TypedResults.Ok(new ValidationResultDto(job is not null, errors.Select(e => new ValidationErrorDto(null, null, e.Field, e.Message)).ToList()));
    }

    // The body is read here rather than bound by the framework so that an unknown field or a wrong type gets a message naming it.
    private static async Task<(JobDefinition? Definition, IResult? Problem)> ReadDefinitionAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            var definition = await System.Text.Json.JsonSerializer.DeserializeAsync<JobDefinition>(request.Body, JobJson.Options, ct);
            return definition is null ? (null, Problems.Invalid("", ApiText.Get("Job.BodyEmpty"))) : (definition, null);
        }
        catch (System.Text.Json.JsonException e)
        {
            var field = e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "";
            return (null, Problems.Invalid(field, ApiText.Get("Job.BodyInvalid", e.Message)));
        }
    }

    private static async Task<IResult> ExplainAsync(string id, IKairosStore store, JobCatalog catalog, TimeProvider clock, int? next, int? recent, CancellationToken ct)
    {
        var record = await store.Jobs.GetAsync(id, ct);
        var job = catalog.Find(id);
        if (record is null) return Problems.NotFound(ApiText.Get("Job.NotFound", id));
        if (next is < 0 or > 500 || recent is < 0 or > 500) return Problems.Invalid("next", ApiText.Get("Explain.Range"));
        var now = clock.GetUtcNow();
        var slots = new List<SlotDto>();
        if (job?.Schedule is { } schedule)
        {
            var calendar = schedule.CalendarId is { } cid ? catalog.Calendars.Find(cid) : null;
            var planned = SlotPlanner.Next(job, calendar, now, next ?? 10).ToList();
            var existing = planned.Count == 0 ? [] : (await store.Runs.SlotRunsAsync(id, planned[0].Key.SlotTime, planned[^1].Key.SlotTime.AddTicks(1), ct)).ToDictionary(r => r.SlotTime!.Value);
            foreach (var slot in planned)
            {
                var local = TimeZoneInfo.ConvertTime(slot.Key.SlotTime, schedule.Zone);
                var run = existing.GetValueOrDefault(slot.Key.SlotTime);
                var (willRun, reason, detail) = run is { State: RunState.Skipped }
                    ? (false, run.SkipReason?.ToWire(), run.Detail)
                    : slot.Runs && record.Held
                    ? (false, SkipReason.Held.ToWire(), record.HeldReason is null ? ApiText.Get("Explain.Held", record.HeldBy ?? "?") : ApiText.Get("Explain.HeldBecause", record.HeldBy ?? "?", record.HeldReason))
                    : (slot.Runs, slot.Skip?.ToWire(), slot.Detail);
                slots.Add(new SlotDto(slot.Key.SlotTime, $"{local:yyyy-MM-dd HH:mm:ss} {schedule.Zone.Id} ({local:zzz})", BusinessDates.ToText(slot.BusinessDate),
                    willRun, reason, detail, run?.Id));
            }
        }
        var runs = await store.Runs.ListAsync(new RunQuery(JobId: id, Limit: recent ?? 10), ct);
        return TypedResults.Ok(new ExplainDto(id, job?.Schedule is { } s ? Dtos.Describe(s) : ApiText.Get(job?.Trigger is null ? "Explain.NoSchedule" : "Explain.OnMessages"), record.Held, slots, runs.Select(r => r.ToDto()).ToList()));
    }

    private static async Task<IResult> SetHeldAsync(string id, bool held, ActionRequest? body, HttpContext http, IKairosStore store, JobCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        if (Problems.ReasonMissing(body?.Reason) is { } missing) return missing;
        var record = await store.Jobs.GetAsync(id, ct);
        if (record is null) return Problems.NotFound(ApiText.Get("Job.NotFound", id));
        if (Forbidden(http, catalog, id) is { } refused) return refused;
        if (!await store.Jobs.SetHeldAsync(id, held, http.Actor(), body?.Reason, ct)) return Problems.NotFound(ApiText.Get("Job.NotFound", id));
        await http.AuditAsync(held ? "job.hold" : "job.release", $"job:{id}", body?.Reason, before: record.Held ? "held" : "released", after: held ? "held" : "released");
        return TypedResults.Ok((await store.Jobs.GetAsync(id, ct))!.ToDto(catalog.Find(id)));
    }

    private static async Task<IResult> TriggerAsync(string id, TriggerRequest? body, HttpContext http, IKairosStore store, JobCatalog catalog, KairosScheduler scheduler, TimeProvider clock, CancellationToken ct)
    {
        if (Problems.ReasonMissing(body?.Reason) is { } missing) return missing;
        if (await store.Jobs.GetAsync(id, ct) is null) return Problems.NotFound(ApiText.Get("Job.NotFound", id));
        if (Forbidden(http, catalog, id) is { } refused) return refused;
        var now = clock.GetUtcNow();
        DateOnly businessDate;
        if (body?.BusinessDate is { } text)
        {
            if (!BusinessDates.TryParse(text, out businessDate))
                return Problems.Invalid("businessDate", ApiText.Get("Field.DateInvalid", text));
        }
        else
        {
            var zone = catalog.Find(id)?.Schedule?.Zone ?? TimeZoneInfo.FindSystemTimeZoneById(Core.Schedules.Schedule.DefaultTimeZone);
            businessDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        }
        var actor = http.Actor();
        var runId = await store.Runs.AddRunAsync(new NewRun(id, null, TriggerKind.Manual, businessDate, now, RunState.Queued, RequestedBy: actor, Detail: $"triggered by {actor}" + (body?.Reason is { } r ? $": {r}" : "")), now, ct);
        await http.AuditAsync("job.trigger", $"job:{id}", body?.Reason, $"run {runId} for {BusinessDates.ToText(businessDate)}");
        scheduler.Wake();
        return TypedResults.Accepted($"/api/runs/{runId}", new RunCreatedDto(runId, id, BusinessDates.ToText(businessDate)));
    }

    /// <summary>A 403 when the caller's owner scope does not include the job's owner; null when the caller may act.</summary>
    internal static IResult? Forbidden(HttpContext http, JobCatalog catalog, string jobId)
    {
        var caller = http.Caller();
        var owner = catalog.Find(jobId)?.Owner;
        return caller is null || caller.MayActOn(owner) ? null : Problems.Forbidden(ApiText.Get("Access.OwnerScope", jobId, owner ?? "-", string.Join(", ", caller.Owners)));
    }
}
