using Kairos.Client.Contracts;
using Kairos.Server.Access;
using Kairos.Server.Operations.Jobs;

namespace Kairos.Server.Api;

// Skip the next slot and backfill past business dates: each an operation (Operations/Jobs) that a second person can be asked to approve.
internal static partial class JobEndpoints
{
    public static void MapJobOperations(this IEndpointRouteBuilder app, RouteGroupBuilder jobs)
    {
        MapJobControl(jobs);
        jobs.MapPost("/{id}/skip-next", SkipNextAsync).WithName("SkipNextSlot").ProducesGatedOutcome<RunDto>(StatusCodes.Status200OK, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Skip the next slot that would run; it is recorded as skipped (reason operator) (operator; reason required; may need approval)");
        jobs.MapPost("/{id}/backfill", BackfillAsync).WithName("BackfillJob").ProducesGatedOutcome<BackfillDto>(StatusCodes.Status200OK, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Preview the slots of past business dates from..to; with confirm, queue a run for each (operator; reason required; may need approval)");
    }

    private static async Task<IResult> SkipNextAsync(string id, ActionRequest? body, HttpContext http, SkipNextSlot skipNext, CancellationToken ct) =>
        (await skipNext.ExecuteAsync(http.AsActor(), id, body?.Reason, ct)).ToResult(run => TypedResults.Ok(run.ToDto()));

    private static async Task<IResult> BackfillAsync(string id, BackfillRequest? body, HttpContext http, BackfillJob backfill, CancellationToken ct) =>
        (await backfill.ExecuteAsync(http.AsActor(), id, body, ct)).ToResult(dto => TypedResults.Ok(dto));
}
