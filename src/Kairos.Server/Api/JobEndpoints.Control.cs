using Kairos.Client.Contracts;
using Kairos.Core.Runs;
using Kairos.Scheduling;
using Kairos.Server.Access;
using Kairos.Server.Operations;
using Kairos.Server.Operations.Jobs;

namespace Kairos.Server.Api;

// Hold, release and trigger: each an operation (Operations/Jobs) that a second person can be asked to approve.
internal static partial class JobEndpoints
{
    private static void MapJobControl(RouteGroupBuilder jobs)
    {
        jobs.MapPost("/{id}/hold", async (string id, ActionRequest? body, HttpContext http, HoldJob hold, JobCatalog catalog, CancellationToken ct) =>
                (await hold.ExecuteAsync(http.AsActor(), id, body?.Reason, ct)).ToResult(job => TypedResults.Ok(job.ToDto(catalog.Find(id), ReadScope.Of(http)))))
            .WithName("HoldJob").ProducesGatedOutcome<JobDto>(StatusCodes.Status200OK, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Hold: slots are skipped until released (operator; reason required; may need approval)");
        jobs.MapPost("/{id}/release", async (string id, ActionRequest? body, HttpContext http, ReleaseJob release, JobCatalog catalog, CancellationToken ct) =>
                (await release.ExecuteAsync(http.AsActor(), id, body?.Reason, ct)).ToResult(job => TypedResults.Ok(job.ToDto(catalog.Find(id), ReadScope.Of(http)))))
            .WithName("ReleaseJob").ProducesGatedOutcome<JobDto>(StatusCodes.Status200OK, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Release a held job (operator; reason required; may need approval)");
        jobs.MapPost("/{id}/trigger", TriggerAsync).WithName("TriggerJob").ProducesGatedOutcome<RunCreatedDto>(StatusCodes.Status202Accepted, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Run a job now, for a business date (operator; reason required; may need approval, as a backfill when the date is past: then the 202 carries the approval request)");
    }

    private static async Task<IResult> TriggerAsync(string id, TriggerRequest? body, HttpContext http, TriggerJob trigger, CancellationToken ct) =>
        (await trigger.ExecuteAsync(http.AsActor(), id, body?.BusinessDate, body?.Reason, ct, body?.ConfirmClosedDay ?? false)).ToResult(Queued);

    private static IResult Queued(QueuedRun run) =>
        TypedResults.Accepted($"/api/runs/{run.RunId}", new RunCreatedDto(run.RunId, run.JobId, BusinessDates.ToText(run.BusinessDate)));
}
