using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Server.Access;
using Kairos.Server.Operations;
using Kairos.Server.Operations.Approvals;

namespace Kairos.Server.Api;

internal static class ApprovalEndpoints
{
    public static void MapApprovalEndpoints(this IEndpointRouteBuilder app)
    {
        var approvals = app.MapGroup("/api/approvals").WithTags("Approvals").RequireAuthorization(AccessPolicies.Viewer);
        approvals.MapGet("/", ListAsync).WithName("ListApprovals").Produces<List<ApprovalDto>>().ProducesValidationProblem().WithSummary("Requests for a second person's approval, newest first; filter by state (a scoped caller sees those in their owner scope)");
        approvals.MapGet("/{id:long}", GetAsync).WithName("GetApproval").Produces<ApprovalDto>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One approval request");
        approvals.MapPost("/{id:long}/approve", async (long id, ActionRequest? body, HttpContext http, DecideApproval decide, CancellationToken ct) =>
                (await decide.ApproveAsync(http.AsActor(), id, body?.Reason, ct)).ToResult(approval => TypedResults.Ok(approval.ToDto())))
            .WithName("ApproveRequest").Produces<ApprovalDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Approve someone else's request and carry it out (the action's own role and owner scope are needed too)");
        approvals.MapPost("/{id:long}/reject", async (long id, ActionRequest? body, HttpContext http, DecideApproval decide, CancellationToken ct) =>
                (await decide.RejectAsync(http.AsActor(), id, body?.Reason, ct)).ToResult(approval => TypedResults.Ok(approval.ToDto())))
            .WithName("RejectRequest").Produces<ApprovalDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Reject a request (the action's role and owner scope needed), or withdraw one's own (reason required)");
    }

    private static async Task<IResult> ListAsync(string? state, int? limit, HttpContext http, IKairosStore store, FourEyes fourEyes, ApprovalScope scope, CancellationToken ct)
    {
        ApprovalState? parsed = null;
        if (state is not null)
        {
            if (!Enum.TryParse<ApprovalState>(state, ignoreCase: true, out var s) || int.TryParse(state, out _)) return Problems.Invalid("state", ApiText.Get("Approval.StateInvalid", state));
            parsed = s;
        }
        if (limit is < 1 or > 1000) return Problems.Invalid("limit", ApiText.Get("Run.LimitRange"));
        await fourEyes.ExpireOldAsync(ct);
        return TypedResults.Ok((await scope.VisibleAsync(http.AsActor(), await store.Approvals.ListAsync(parsed, limit ?? 100, ct), ct)).Select(a => a.ToDto()).ToList());
    }

    private static async Task<IResult> GetAsync(long id, HttpContext http, IKairosStore store, FourEyes fourEyes, ApprovalScope scope, CancellationToken ct)
    {
        await fourEyes.ExpireOldAsync(ct);
        return await store.Approvals.GetAsync(id, ct) is { } found && await scope.MaySeeAsync(http.AsActor(), found, ct) ? TypedResults.Ok(found.ToDto()) : Problems.NotFound(ApiText.Get("Approval.NotFound", id));
    }
}
