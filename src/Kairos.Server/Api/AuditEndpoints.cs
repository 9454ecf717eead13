using Kairos.Core.Ports;
using Kairos.Server.Access;

namespace Kairos.Server.Api;

internal static class AuditEndpoints
{
    /// <summary>Read-only: the product offers no way to change or delete an entry.</summary>
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit", async (IKairosStore store, string? target, int? limit, CancellationToken ct) =>
                TypedResults.Ok(await store.Audit.ListAsync(target, limit ?? 100, ct)))
            .WithTags("Audit").RequireAuthorization(AccessPolicies.Viewer).WithSummary("Who did what, from where, newest first");
}
