using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Scheduling;
using Kairos.Server.Access;
using Kairos.Server.Approvals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kairos.Server.Api;

internal static class RunEndpoints
{
    public static void MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").WithTags("Runs").RequireAuthorization(AccessPolicies.Viewer);
        runs.MapGet("/", ListAsync).WithSummary("Runs, newest first; filter by job and state, page with before");
        runs.MapGet("/{id:long}", GetAsync).WithSummary("One run");
        runs.MapGet("/{id:long}/events", EventsAsync).WithSummary("Every state change of a run");
        runs.MapGet("/{id:long}/message", MessageAsync).WithSummary("The Kafka message an event-triggered run was created for");
        runs.MapGet("/{id:long}/logs", LogsAsync).WithSummary("A run's output, readable while it runs");
        runs.MapPost("/{id:long}/kill", KillAsync).RequireAuthorization(AccessPolicies.Operator).WithSummary("Kill a running run (SIGTERM, then SIGKILL) or cancel one not yet started (operator; reason required)");
        runs.MapPost("/{id:long}/mark-succeeded", MarkSucceededAsync).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Mark a failed, timed-out or killed run succeeded (operator; reason required; may need approval)");
        app.ServiceProvider.GetRequiredService<FourEyes>().Register(GatedActions.MarkSucceeded, AccessPolicies.Operator, ExecuteMarkSucceededAsync);
        runs.MapPost("/{id:long}/rerun", RerunAsync).RequireAuthorization(AccessPolicies.Operator).WithSummary("Run a finished run's job again for the same business date (operator; reason required)");
    }

    private static async Task<IResult> ListAsync(IKairosStore store, string? job, string? state, long? before, int? limit, CancellationToken ct)
    {
        RunState? parsed = null;
        if (state is not null)
        {
            try { parsed = RunStates.FromWire(state); }
            catch (FormatException) { return Problems.Invalid("state", ApiText.Get("Run.StateInvalid", state, string.Join(", ", Enum.GetValues<RunState>().Select(s => s.ToWire())))); }
        }
        if (limit is < 1 or > 1000) return Problems.Invalid("limit", ApiText.Get("Run.LimitRange"));
        var runs = await store.Runs.ListAsync(new RunQuery(job, parsed, before, limit ?? 50), ct);
        return TypedResults.Ok(runs.Select(r => r.ToDto()).ToList());
    }

    private static async Task<IResult> GetAsync(long id, IKairosStore store, CancellationToken ct) =>
        await store.Runs.GetAsync(id, ct) is { } run ? TypedResults.Ok(run.ToDto()) : Problems.NotFound(ApiText.Get("Run.NotFound", id));

    private static async Task<IResult> EventsAsync(long id, IKairosStore store, CancellationToken ct)
    {
        if (await store.Runs.GetAsync(id, ct) is null) return Problems.NotFound(ApiText.Get("Run.NotFound", id));
        return TypedResults.Ok((await store.Runs.EventsAsync(id, ct)).Select(e => e.ToDto()).ToList());
    }

    private static async Task<IResult> MessageAsync(long id, IKairosStore store, CancellationToken ct)
    {
        if (await store.Runs.GetAsync(id, ct) is null) return Problems.NotFound(ApiText.Get("Run.NotFound", id));
        return await store.Runs.TriggerMessageAsync(id, ct) is { } m
            ? TypedResults.Ok(new TriggerMessageDto(m.Id, m.Topic, m.Partition, m.Offset, m.Key, m.Value, m.HeadersByName(), m.Timestamp))
            : Problems.NotFound(ApiText.Get("Run.NoMessage", id));
    }

    private static async Task<IResult> LogsAsync(long id, IKairosStore store, long? after, int? limit, CancellationToken ct)
    {
        if (await store.Runs.GetAsync(id, ct) is null) return Problems.NotFound(ApiText.Get("Run.NotFound", id));
        var lines = await store.Logs.ReadAsync(id, after ?? 0, limit ?? 1000, ct);
        return TypedResults.Ok(lines.Select(l => l.ToDto()).ToList());
    }

    private static async Task<IResult> KillAsync(long id, ActionRequest? body, HttpContext http, IKairosStore store, KairosScheduler scheduler, JobCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        if (Problems.ReasonMissing(body?.Reason) is { } missing) return missing;
        var run = await store.Runs.GetAsync(id, ct);
        if (run is null) return Problems.NotFound(ApiText.Get("Run.NotFound", id));
        if (JobEndpoints.Forbidden(http, catalog, run.JobId) is { } refused) return refused;
        var actor = http.Actor();
        var before = run.State;
        // A waiting run may start between the read and the cancel; the operator meant "stop it" either way, so look again.
        for (var attempt = 0; attempt < 3 && run is not null; attempt++)
        {
            if (run.State.IsFinal()) return Problems.Conflict(ApiText.Get("Run.AlreadyFinished", id, run.State.ToWire()));
            if (await TryStopAsync(run, actor, store, scheduler, clock.GetUtcNow(), ct))
            {
                var after = await store.Runs.GetAsync(id, ct);
                await http.AuditAsync("run.kill", $"run:{id}", body?.Reason, $"job {run.JobId}", before.ToWire(), after?.State.ToWire());
                return TypedResults.Ok(after!.ToDto());
            }
            run = await store.Runs.GetAsync(id, ct);
        }
        return Problems.Conflict(ApiText.Get("Run.ChangedMeanwhile", id));
    }

    private static async Task<bool> TryStopAsync(Run run, string actor, IKairosStore store, KairosScheduler scheduler, DateTimeOffset now, CancellationToken ct)
    {
        if (run.State.IsWaiting()) return await store.Runs.CancelWaitingAsync(run.Id, actor, now, ct);
        // Running (or being claimed): the run's own node acts on the request; this node may be it.
        var done = await store.Runs.RequestKillAsync(run.Id, actor, now, ct);
        scheduler.Kill(run.Id, actor);
        return done;
    }

    private static async Task<IResult> RerunAsync(long id, ActionRequest? body, HttpContext http, IKairosStore store, KairosScheduler scheduler, JobCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        if (Problems.ReasonMissing(body?.Reason) is { } missing) return missing;
        var run = await store.Runs.GetAsync(id, ct);
        if (run is null) return Problems.NotFound(ApiText.Get("Run.NotFound", id));
        if (JobEndpoints.Forbidden(http, catalog, run.JobId) is { } refused) return refused;
        if (!run.State.IsFinal()) return Problems.Conflict(ApiText.Get("Run.NotFinished", id, run.State.ToWire()));
        if (await store.Jobs.GetAsync(run.JobId, ct) is null) return Problems.Conflict(ApiText.Get("Job.Gone", run.JobId));
        var actor = http.Actor();
        var now = clock.GetUtcNow();
        var newId = await store.Runs.AddRunAsync(new NewRun(run.JobId, null, TriggerKind.Manual, run.BusinessDate, now, RunState.Queued,
            Detail: $"rerun of run {id} by {actor}" + (body?.Reason is { } r ? $": {r}" : ""), RequestedBy: actor, RerunOf: id), now, ct);
        await http.AuditAsync("run.rerun", $"run:{id}", body?.Reason, $"new run {newId}");
        scheduler.Wake();
        return TypedResults.Accepted($"/api/runs/{newId}", new RunCreatedDto(newId, run.JobId, BusinessDates.ToText(run.BusinessDate)));
    }

    private sealed record MarkSucceededPayload(long RunId, string Reason);

    private static async Task<IResult> MarkSucceededAsync(long id, ActionRequest? body, HttpContext http, IKairosStore store, JobCatalog catalog, FourEyes fourEyes, CancellationToken ct)
    {
        if (Problems.ReasonMissing(body?.Reason) is { } missing) return missing;
        var run = await store.Runs.GetAsync(id, ct);
        if (run is null) return Problems.NotFound(ApiText.Get("Run.NotFound", id));
        if (JobEndpoints.Forbidden(http, catalog, run.JobId) is { } refused) return refused;
        if (!run.State.IsUnsuccessful()) return Problems.Conflict(ApiText.Get("Run.NotFailed", id, run.State.ToWire()));
        var payload = new MarkSucceededPayload(id, body!.Reason!.Trim());
        return await fourEyes.RunOrRequestAsync(http, GatedActions.MarkSucceeded, $"run:{id}", $"mark run {id} of {run.JobId} ({run.State.ToWire()}) succeeded", payload.Reason, payload, ct);
    }

    private static async Task<GatedResult> ExecuteMarkSucceededAsync(HttpContext http, string payload, string requestedBy, CancellationToken ct)
    {
        var p = FourEyes.Read<MarkSucceededPayload>(payload);
        var store = http.RequestServices.GetRequiredService<IKairosStore>();
        var run = await store.Runs.GetAsync(p.RunId, ct);
        if (run is null) return new(Problems.NotFound(ApiText.Get("Run.NotFound", p.RunId)), false, "the run no longer exists");
        if (JobEndpoints.Forbidden(http, http.RequestServices.GetRequiredService<JobCatalog>(), run.JobId) is { } refused) return new(refused, false, "not allowed");
        var by = FourEyes.CarriedOutBy(http, requestedBy);
        var detail = $"marked succeeded by {by}: {p.Reason}";
        if (!await store.Runs.MarkSucceededAsync(p.RunId, detail, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), ct))
            return new(Problems.Conflict(ApiText.Get("Run.NotFailed", p.RunId, run.State.ToWire())), false, $"run {p.RunId} was {run.State.ToWire()}");
        await http.AuditAsync(GatedActions.MarkSucceeded, $"run:{p.RunId}", p.Reason, $"job {run.JobId}", run.State.ToWire(), RunState.Succeeded.ToWire());
        return new(TypedResults.Ok((await store.Runs.GetAsync(p.RunId, ct))!.ToDto()), true, $"run {p.RunId} marked succeeded");
    }
}
