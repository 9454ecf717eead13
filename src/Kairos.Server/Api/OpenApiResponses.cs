using Kairos.Client.Contracts;
using Kairos.Server.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Kairos.Server.Api;

/// <summary>
/// Declares the problems that come from the pipeline rather than from a handler, so each operation lists them where
/// they can happen: 401 without a sign-in, 403 for a role the authorization policy refuses, 400 for a bound value over
/// its text limit, a malformed value or a session write without its CSRF token, 413 for a body over its limit (any
/// write may send one), 415 for a body of another media type than the one declared, 429 from the sign-in rate limit
/// or the limit on refused anonymous writes. What a handler itself answers is declared where it is mapped.
/// </summary>
internal static class OpenApiResponses
{
    private const string Problem = "ProblemDetails";
    private const string ValidationProblem = "HttpValidationProblemDetails";

    public static void AddKairosResponses(this OpenApiOptions options) => options.AddOperationTransformer(async (operation, context, ct) =>
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        var write = context.Description.HttpMethod is not ("GET" or "HEAD");
        var needed = new List<int>();
        if (context.Description.ParameterDescriptions.Count > 0 || write) needed.Add(StatusCodes.Status400BadRequest);
        if (!anonymous) needed.Add(StatusCodes.Status401Unauthorized);
        if (!anonymous && policies.Any(p => p is AccessPolicies.Operator or AccessPolicies.Admin)) needed.Add(StatusCodes.Status403Forbidden);
        if (write) needed.Add(StatusCodes.Status413PayloadTooLarge);
        if (operation.RequestBody is not null) needed.Add(StatusCodes.Status415UnsupportedMediaType);
        // A write refused for want of a sign-in counts towards AnonymousWrites' limit, past which it is answered 429.
        if (metadata.OfType<EnableRateLimitingAttribute>().Any() || (!anonymous && write)) needed.Add(StatusCodes.Status429TooManyRequests);
        operation.Responses ??= [];
        if (metadata.OfType<OutcomeMetadata.ApprovalShares202>().Any()) await AddApprovalTo202Async(operation, context, ct);
        foreach (var status in needed.Where(s => !operation.Responses.ContainsKey(s.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            var validation = status == StatusCodes.Status400BadRequest;
            var schemaId = validation ? ValidationProblem : Problem;
            var schema = await context.GetOrCreateSchemaAsync(validation ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), null, ct);
            context.Document?.AddComponent(schemaId, schema);
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = ReasonPhrases.GetReasonPhrase(status),
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(schemaId, context.Document) } },
            };
        }
    });

    private static async Task AddApprovalTo202Async(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (operation.Responses is null || !operation.Responses.TryGetValue("202", out var accepted) || accepted.Content is not { } content
            || !content.TryGetValue("application/json", out var json) || json.Schema is not { } done) return;
        context.Document?.AddComponent(nameof(ApprovalDto), await context.GetOrCreateSchemaAsync(typeof(ApprovalDto), null, ct));
        json.Schema = new OpenApiSchema { OneOf = [done, new OpenApiSchemaReference(nameof(ApprovalDto), context.Document)] };
        accepted.Description = "Accepted: done, or an approval request (Location /api/approvals/{id}) when a second person must approve";
    }
}
