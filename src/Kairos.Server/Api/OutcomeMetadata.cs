using Kairos.Client.Contracts;

namespace Kairos.Server.Api;

/// <summary>
/// The OpenAPI side of <see cref="OperationResults.ToResult{T}"/> for a gated operation: its answer when done, 202 with the
/// approval request when a second person must approve, 400 for invalid input (each needs a reason),
/// and the refusals the operation can make.
/// </summary>
internal static class OutcomeMetadata
{
    public static RouteHandlerBuilder ProducesGatedOutcome<T>(this RouteHandlerBuilder builder, int status, params int[] refusals)
    {
        builder.Produces<T>(status);
        // One that answers 202 when done answers 202 for an approval request too: OpenApiResponses makes that body a oneOf.
        if (status != StatusCodes.Status202Accepted) builder.Produces<ApprovalDto>(StatusCodes.Status202Accepted);
        else builder.WithMetadata(new ApprovalShares202());
        builder.ProducesValidationProblem();
        foreach (var refusal in refusals) builder.ProducesProblem(refusal);
        return builder;
    }

    /// <summary>Marks an operation whose 202 is either its own answer or an approval request.</summary>
    public sealed class ApprovalShares202;
}
