using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Server.Access;
using Kairos.Server.Api;
using Microsoft.AspNetCore.Authorization;

namespace Kairos.Server.Approvals;

internal static class ApprovalEndpoints
{
    public static void MapApprovalEndpoints(this IEndpointRouteBuilder app)
    {
        var approvals = app.MapGroup("/api/approvals").WithTags("Approvals").RequireAuthorization(AccessPolicies.Viewer);
        approvals.MapGet("/", ListAsync).WithSummary("Requests for a second person's approval, newest first; filter by state");
        approvals.MapGet("/{id:long}", GetAsync).WithSummary("One approval request");
        approvals.MapPost("/{id:long}/approve", ApproveAsync).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Approve someone else's request and carry it out (the action's own role is needed too)");
        approvals.MapPost("/{id:long}/reject", RejectAsync).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Reject a request, or withdraw one's own (reason required)");
    }

    private static async Task<IResult> ListAsync(string? state, int? limit, IKairosStore store, FourEyes fourEyes, TimeProvider clock, CancellationToken ct)
    {
        ApprovalState? parsed = null;
        if (state is not null)
        {
            if (!Enum.TryParse<ApprovalState>(state, ignoreCase: true, out var s) || int.TryParse(state, out _)) return Problems.Invalid("state", ApiText.Get("Approval.StateInvalid", state));
            parsed = s;
        }
        await ExpireOldAsync(store, fourEyes, clock, ct);
        return TypedResults.Ok((await store.Approvals.ListAsync(parsed, limit ?? 100, ct)).Select(FourEyes.ToDto).ToList());
    }

    private static async Task<IResult> GetAsync(long id, IKairosStore store, FourEyes fourEyes, TimeProvider clock, CancellationToken ct)
    {
        await ExpireOldAsync(store, fourEyes, clock, ct);
        return await store.Approvals.GetAsync(id, ct) is { } found ? TypedResults.Ok(FourEyes.ToDto(found)) : Problems.NotFound(ApiText.Get("Approval.NotFound", id));
    }

    private static async Task<IResult> ApproveAsync(long id, ActionRequest? body, HttpContext http, IKairosStore store, FourEyes fourEyes, IAuthorizationService authorization, TimeProvider clock, CancellationToken ct)
    {
        await ExpireOldAsync(store, fourEyes, clock, ct);
        var approval = await store.Approvals.GetAsync(id, ct);
        if (approval is null) return Problems.NotFound(ApiText.Get("Approval.NotFound", id));
        if (fourEyes.Find(approval.Action) is not { } action) return Problems.Conflict(ApiText.Get("Approval.ActionUnknown", id, approval.Action));
        if (!(await authorization.AuthorizeAsync(http.User, action.Policy)).Succeeded) return Problems.Forbidden(ApiText.Get("Access.RoleNeeded"));
        if (approval.State != ApprovalState.Pending) return Problems.Conflict(ApiText.Get("Approval.NotPending", id, approval.State.ToString().ToLowerInvariant()));
        if (string.Equals(approval.RequestedBy, http.Actor(), StringComparison.Ordinal)) return Problems.Forbidden(ApiText.Get("Approval.OwnRequest"));

        // Decided first, then carried out: of two people approving at once only one gets here, so it happens once.
        if (!await store.Approvals.DecideAsync(id, ApprovalState.Approved, http.Actor(), body?.Reason, clock.GetUtcNow(), ct))
            return Problems.Conflict(ApiText.Get("Approval.NotPending", id, "decided"));
        await http.AuditAsync("approval.approve", $"approval:{id}", body?.Reason, $"{approval.Action} {approval.Target} requested by {approval.RequestedBy}", "pending", "approved");
        var result = await action.Execute(http, approval.Payload, approval.RequestedBy, CancellationToken.None);
        await store.Approvals.SetOutcomeAsync(id, result.Done ? result.Outcome : $"not carried out: {result.Outcome}", CancellationToken.None);
        var decided = await store.Approvals.GetAsync(id, CancellationToken.None);
        return result.Done ? TypedResults.Ok(FourEyes.ToDto(decided!)) : result.Response;
    }

    private static async Task<IResult> RejectAsync(long id, ActionRequest? body, HttpContext http, IKairosStore store, FourEyes fourEyes, IAuthorizationService authorization, TimeProvider clock, CancellationToken ct)
    {
        if (Problems.ReasonMissing(body?.Reason) is { } missing) return missing;
        await ExpireOldAsync(store, fourEyes, clock, ct);
        var approval = await store.Approvals.GetAsync(id, ct);
        if (approval is null) return Problems.NotFound(ApiText.Get("Approval.NotFound", id));
        var own = string.Equals(approval.RequestedBy, http.Actor(), StringComparison.Ordinal);
        if (!own && fourEyes.Find(approval.Action) is { } action && !(await authorization.AuthorizeAsync(http.User, action.Policy)).Succeeded)
            return Problems.Forbidden(ApiText.Get("Access.RoleNeeded"));
        if (!await store.Approvals.DecideAsync(id, ApprovalState.Rejected, http.Actor(), body!.Reason, clock.GetUtcNow(), ct))
            return Problems.Conflict(ApiText.Get("Approval.NotPending", id, approval.State.ToString().ToLowerInvariant()));
        await http.AuditAsync(own ? "approval.withdraw" : "approval.reject", $"approval:{id}", body.Reason, $"{approval.Action} {approval.Target} requested by {approval.RequestedBy}", "pending", "rejected");
        return TypedResults.Ok(FourEyes.ToDto((await store.Approvals.GetAsync(id, ct))!));
    }

    private static Task<int> ExpireOldAsync(IKairosStore store, FourEyes fourEyes, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return store.Approvals.ExpireAsync(now - fourEyes.Expiry, now, ct);
    }
}
