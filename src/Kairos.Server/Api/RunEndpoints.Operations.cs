using Kairos.Client.Contracts;
using Kairos.Core.Runs;
using Kairos.Server.Access;
using Kairos.Server.Operations.Runs;

namespace Kairos.Server.Api;

// Kill, rerun and mark succeeded: each an operation (Operations/Runs) that a second person can be asked to approve.
internal static partial class RunEndpoints
{
    public static void MapRunOperations(this IEndpointRouteBuilder app, RouteGroupBuilder runs)
    {
        runs.MapPost("/{id:long}/kill", KillAsync).WithName("KillRun").ProducesGatedOutcome<RunDto>(StatusCodes.Status200OK, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Kill a running run (SIGTERM, then SIGKILL) or cancel one not yet started (operator; reason required; may need approval)");
        runs.MapPost("/{id:long}/mark-succeeded", MarkSucceededAsync).WithName("MarkRunSucceeded").ProducesGatedOutcome<RunDto>(StatusCodes.Status200OK, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Mark a failed, timed-out or killed run succeeded (operator; reason required; may need approval)");
        runs.MapPost("/{id:long}/rerun", RerunAsync).WithName("RerunRun").ProducesGatedOutcome<RunCreatedDto>(StatusCodes.Status202Accepted, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Run a finished run's job again for the same business date (operator; reason required; may need approval: then the 202 carries the approval request)");
    }

    private static async Task<IResult> KillAsync(long id, ActionRequest? body, HttpContext http, KillRun kill, CancellationToken ct) =>
        (await kill.ExecuteAsync(http.AsActor(), id, body?.Reason, ct)).ToResult(run => TypedResults.Ok(run.ToDto(ReadScope.Of(http))));

    private static async Task<IResult> RerunAsync(long id, ActionRequest? body, HttpContext http, RerunRun rerun, CancellationToken ct) =>
        (await rerun.ExecuteAsync(http.AsActor(), id, body?.Reason, ct)).ToResult(run =>
            TypedResults.Accepted($"/api/runs/{run.RunId}", new RunCreatedDto(run.RunId, run.JobId, BusinessDates.ToText(run.BusinessDate))));

    private static async Task<IResult> MarkSucceededAsync(long id, ActionRequest? body, HttpContext http, MarkRunSucceeded markSucceeded, CancellationToken ct) =>
        (await markSucceeded.ExecuteAsync(http.AsActor(), id, body?.Reason, ct)).ToResult(run => TypedResults.Ok(run.ToDto(ReadScope.Of(http))));
}
