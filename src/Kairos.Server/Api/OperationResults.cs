using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Server.Access;
using Kairos.Server.Operations;

namespace Kairos.Server.Api;

/// <summary>The HTTP edge of operations: the request's caller as an actor, and an outcome as the answer.</summary>
internal static class OperationResults
{
    /// <summary>The caller of this request; what operations record for it counts as this request's audit entry.</summary>
    public static Actor AsActor(this HttpContext http) => new(http.Caller(), http.Source()) { Audited = http.MarkRecorded };

    /// <summary>Done: <paramref name="done"/>'s answer; waiting for approval: 202 with the request; refused: its problem.</summary>
    public static IResult ToResult<T>(this Outcome<T> outcome, Func<T, IResult> done) => outcome.Code switch
    {
        OutcomeCode.Done => done(outcome.Value!),
        OutcomeCode.ApprovalRequired => TypedResults.Accepted($"/api/approvals/{outcome.Approval!.Id}", outcome.Approval.ToDto()),
        _ => outcome.Refusal!.ToProblem(),
    };

    public static IResult ToProblem(this Refusal refusal) => refusal.Code switch
    {
        OutcomeCode.NotFound => Problems.NotFound(refusal.Message),
        OutcomeCode.Conflict => Problems.Conflict(refusal.Message),
        OutcomeCode.Forbidden => Problems.Forbidden(refusal.Message),
        _ => Problems.Invalid(refusal.Errors!.ToDictionary()),
    };

    public static ApprovalDto ToDto(this ApprovalRecord a) => new(a.Id, a.Action, a.Target, a.Summary, a.RequestedBy, a.Reason, a.RequestedAt,
        a.State.ToString().ToLowerInvariant(), a.DecidedBy, a.DecidedAt, a.DecisionReason, a.Outcome);
}
