using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Scheduling;
using Kairos.Server.Access;
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
        runs.MapGet("/{id:long}/logs", LogsAsync).WithSummary("A run's output, readable while it runs");
        runs.MapPost("/{id:long}/kill", KillAsync).RequireAuthorization(AccessPolicies.Operator).WithSummary("Kill a running run (SIGTERM, then SIGKILL) or cancel one not yet started (operator; reason required)");
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
        var now = clock.GetUtcNow();
        bool done;
        if (run.State == RunState.Running)
        {
            // The run's own node acts on the request; this node may be it.
            done = await store.Runs.RequestKillAsync(id, actor, now, ct);
            scheduler.Kill(id, actor);
        }
        else if (run.State.IsWaiting())
        {
            done = await store.Runs.CancelWaitingAsync(id, actor, now, ct);
        }
        else
        {
            return Problems.Conflict(ApiText.Get("Run.AlreadyFinished", id, run.State.ToWire()));
        }
        if (!done) return Problems.Conflict(ApiText.Get("Run.ChangedMeanwhile", id));
        var after = await store.Runs.GetAsync(id, ct);
        await http.AuditAsync("run.kill", $"run:{id}", body?.Reason, $"job {run.JobId}", run.State.ToWire(), after?.State.ToWire());
        return TypedResults.Ok(after!.ToDto());
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
}
