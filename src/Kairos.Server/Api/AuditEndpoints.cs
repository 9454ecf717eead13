using Kairos.Core.Ports;
using Kairos.Server.Access;

namespace Kairos.Server.Api;

internal static class AuditEndpoints
{
    /// <summary>Read-only: the product offers no way to change or delete an entry.</summary>
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit", ListAsync).WithName("ListAudit").Produces<List<Core.Ports.AuditEntry>>().WithTags("Audit").RequireAuthorization(AccessPolicies.Viewer).WithSummary("Who did what, from where, newest first");

    private static async Task<IResult> ListAsync(HttpContext http, IKairosStore store, string? target, int? limit, CancellationToken ct)
    {
        var scope = ReadScope.Of(http);
        var count = limit ?? 100;
        // A scoped caller's entries are picked from the newest 1,000, the most one request reads.
        var entries = await store.Audit.ListAsync(target, scope.IsScoped ? 1000 : count, ct);
        if (scope.IsScoped) entries = [.. (await AuditScope.VisibleAsync(entries, scope, http.Actor(), store, ct)).Take(count)];
        return TypedResults.Ok(scope.SeesCredentials ? entries : [.. entries.Select(AuditRedaction.Redact)]);
    }
}
