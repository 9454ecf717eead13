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
using Kairos.Server.Texts;

namespace Kairos.Server.Api;

internal static partial class JobEndpoints
{
    public static void MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization(AccessPolicies.Viewer);
        jobs.MapGet("/", ListAsync).WithName("ListJobs").WithSummary("Every job with its state");
        jobs.MapGet("/{id}", GetAsync).WithName("GetJob").Produces<JobDto>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One job");
        jobs.MapPut("/{id}", PutAsync).WithName("PutJob").Accepts<JobDefinition>("application/json").Produces<JobDto>().ProducesValidationProblem().RequireAuthorization(AccessPolicies.Admin).WithSummary("Create or replace a job from its definition (admin)");
        jobs.MapDelete("/{id}", DeleteAsync).WithName("DeleteJob").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(AccessPolicies.Admin).WithSummary("Remove a job; its runs stay (admin)");
        jobs.MapPost("/validate", ValidateAsync).WithName("ValidateJob").Accepts<JobDefinition>("application/json").Produces<ValidationResultDto>().ProducesValidationProblem().WithSummary("Check a definition without saving it");
        jobs.MapGet("/{id}/explain", ExplainAsync).WithName("ExplainJob").Produces<ExplainDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Next slots and recent runs, with the reason for each skipped slot");
        app.MapJobOperations(jobs);
    }

    private static async Task<Ok<List<JobDto>>> ListAsync(HttpContext http, IKairosStore store, JobCatalog catalog, CancellationToken ct)
    {
        var scope = ReadScope.Of(http);
        return TypedResults.Ok((await store.Jobs.ListAsync(ct)).Where(scope.MayRead).Select(r => r.ToDto(catalog.Find(r.Id), scope)).ToList());
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IKairosStore store, JobCatalog catalog, CancellationToken ct)
    {
        var scope = ReadScope.Of(http);
        return await store.Jobs.GetAsync(id, ct) is { } record && scope.MayRead(record)
            ? TypedResults.Ok(record.ToDto(catalog.Find(id), scope))
            : Problems.NotFound(ApiText.Get("Job.NotFound", id));
    }

    private static async Task<IResult> PutAsync(string id, string? reason, HttpContext http, IKairosStore store, JobCatalog catalog, ICalendarSource calendars, KairosScheduler scheduler, TimeProvider clock, CancellationToken ct)
    {
        if (DefinitionChange.ReasonTooLong(reason) is { } tooLong) return tooLong;
        var (definition, problem) = await ReadDefinitionAsync(http.Request, ct);
        if (definition is null) return problem!;
        definition.Id ??= id;
        if (definition.Id != id) return Problems.Invalid("id", ApiText.Get("Job.IdMismatch", definition.Id, id));
        if (definition.Flow is not null) return Problems.Invalid("flow", ApiText.Get("Job.FlowSet"));
        var (job, errors) = new JobValidator(calendars).Validate(definition);
        if (job is null) return Problems.Invalid(errors);
        if (job.HasDependencies)
        {
            // Among the jobs the store holds now: an upstream must exist, and the change must not close a cycle.
            var upstreams = (await store.Jobs.ListAsync(ct)).ToDictionary(r => r.Id,
                r => (IReadOnlyList<string>)(r.Definition.After ?? []).Select(a => a.Job).OfType<string>().ToList(), StringComparer.Ordinal);
            var problems = DependencyRules.Check(job, upstreams);
            if (problems.Count > 0) return Problems.Invalid(problems);
        }
        var before = await store.Jobs.GetAsync(id, ct);
        await store.Jobs.UpsertAsync(new JobRecord(id, definition.ToSpec(), "api", job.Overlap, clock.GetUtcNow()), DefinitionChange.Of(http, reason), job.HeldInitially, ct);
        await http.AuditAsync(before is null ? "job.create" : "job.update", $"job:{id}", reason, before: before is null ? null : JobJson.Serialize(before.Definition.ToDefinition()), after: JobJson.Serialize(definition));
        await scheduler.PlanOnceAsync(ct);
        return TypedResults.Ok((await store.Jobs.GetAsync(id, ct))!.ToDto(catalog.Find(id), ReadScope.Of(http)));
    }

    private static async Task<IResult> DeleteAsync(string id, string? reason, HttpContext http, IKairosStore store, TimeProvider clock, CancellationToken ct)
    {
        if (DefinitionChange.ReasonTooLong(reason) is { } tooLong) return tooLong;
        var before = await store.Jobs.GetAsync(id, ct);
        if (before is null || !await store.Jobs.DeleteAsync(id, DefinitionChange.Of(http, reason), ct)) return Problems.NotFound(ApiText.Get("Job.NotFound", id));
        await http.AuditAsync("job.delete", $"job:{id}", reason, before: JobJson.Serialize(before.Definition.ToDefinition()));
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ValidateAsync(HttpRequest request, ICalendarSource calendars, CancellationToken ct)
    {
        var (definition, problem) = await ReadDefinitionAsync(request, ct);
        if (definition is null) return problem!;
        // Whether a program or folder exists on the server is the server's business: only an admin (who could save
        // the job anyway) learns it here.
        var inspectFiles = request.HttpContext.Caller()?.IsAtLeast(Core.Access.Role.Admin) == true;
        var (job, errors) = new JobValidator(calendars, inspectFiles).Validate(definition);
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

    private static async Task<IResult> ExplainAsync(string id, HttpContext http, IKairosStore store, JobCatalog catalog, KairosScheduler scheduler, TimeProvider clock, int? next, int? recent, string? date, CancellationToken ct)
    {
        var record = await store.Jobs.GetAsync(id, ct);
        var job = catalog.Find(id);
        if (record is null || !ReadScope.Of(http).MayRead(record)) return Problems.NotFound(ApiText.Get("Job.NotFound", id));
        if (next is < 0 or > 500 || recent is < 0 or > 500) return Problems.Invalid("next", ApiText.Get("Explain.Range"));
        DateOnly? asked = null;
        if (date is not null)
        {
            if (!BusinessDates.TryParse(date, out var parsed)) return Problems.Invalid("date", ApiText.Get("Condition.DateInvalid", date));
            asked = parsed;
        }
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
                    ? (false, run.SkipReason?.ToWire(), ReasonText.Detail(run.Detail))
                    : slot.Runs && record.Held
                    ? (false, SkipReason.Held.ToWire(), record.HeldReason is null ? ApiText.Get("Explain.Held", record.HeldBy ?? "?") : ApiText.Get("Explain.HeldBecause", record.HeldBy ?? "?", record.HeldReason))
                    : (slot.Runs, slot.Skip?.ToWire(), slot.Why is null ? null : ReasonText.Render(slot.Why));
                slots.Add(new SlotDto(slot.Key.SlotTime, $"{local:yyyy-MM-dd HH:mm:ss} {schedule.Zone.Id} ({local:zzz})", BusinessDates.ToText(slot.BusinessDate),
                    willRun, reason, detail, run?.Id));
            }
        }
        var runs = await store.Runs.ListAsync(new RunQuery(JobId: id, Limit: recent ?? 10), ct);
        var scope = ReadScope.Of(http);
        var (dependencyDate, dependencies) = await ExplainDependenciesAsync(job, asked, runs, slots, scheduler, now, ct);
        return TypedResults.Ok(new ExplainDto(id, job?.Schedule is { } s ? Dtos.Describe(s) : ApiText.Get(job?.Trigger is null ? "Explain.NoSchedule" : "Explain.OnMessages"), record.Held, slots, runs.Select(r => r.ToDto(scope)).ToList(),
            dependencyDate, dependencies));
    }

    // The date asked for; else the newest run still waiting, else the next slot's, else the newest run's, else today.
    private static async Task<(string?, IReadOnlyList<DependencyDto>?)> ExplainDependenciesAsync(Kairos.Core.Jobs.Job? job, DateOnly? asked, IReadOnlyList<Run> recent,
        List<SlotDto> next, KairosScheduler scheduler, DateTimeOffset now, CancellationToken ct)
    {
        if (job is not { HasDependencies: true }) return (null, null);
        var date = asked
            ?? recent.FirstOrDefault(r => r.State == RunState.Waiting)?.BusinessDate
            ?? (next.FirstOrDefault() is { } slot ? BusinessDates.Parse(slot.BusinessDate) : (DateOnly?)null)
            ?? recent.FirstOrDefault()?.BusinessDate
            ?? DateOnly.FromDateTime(now.UtcDateTime);
        var verdict = await scheduler.JudgeDependenciesAsync(job, date, ct);
        return (BusinessDates.ToText(date), verdict.Lines.Select(l => new DependencyDto(l.Dependency.JobId, l.Dependency.Condition, BusinessDates.ToText(l.Date), l.Met, ReasonText.Render(l.Why))).ToList());
    }
}
