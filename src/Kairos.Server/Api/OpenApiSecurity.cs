using Kairos.Server.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kairos.Server.Api;

/// <summary>
/// Declares in the OpenAPI description how each operation is signed in to: an API token (<c>Authorization: Bearer
/// kairos_…</c>) or the console's session cookie, nothing for anonymous operations, and either or nothing where a
/// setting may open reads to anonymous callers (calendars, metrics). Clients and linters then know, per operation,
/// what a call needs; the role it needs is said in its description.
/// </summary>
internal static class OpenApiSecurity
{
    private const string Bearer = "bearerToken";
    private const string Session = "sessionCookie";

    public static void AddKairosSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "kairos_…",
                Description = "An API token from `kairos login`, `POST /api/auth/tokens` or `kairos users token`.",
            };
            document.Components.SecuritySchemes[Session] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = AccessSchemes.SessionCookie,
                Description = $"The console's session from `POST /api/auth/login`; writes must also send the `{AccessSchemes.CsrfHeader}` header from `GET /api/auth/me`.",
            };
            // Paths start with a slash; a server URL ending in one would make every joined URL say "//".
            foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var anonymous = metadata.OfType<IAllowAnonymous>().Any();
            var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            var optional = policies.Any(p => p is AccessPolicies.CalendarRead or AccessPolicies.Metrics);
            var signedIn = new List<OpenApiSecurityRequirement>
            {
                new() { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
                new() { [new OpenApiSecuritySchemeReference(Session, context.Document)] = [] },
            };
            operation.Security = anonymous ? [] : optional ? [.. signedIn, new OpenApiSecurityRequirement()] : signedIn;
            if (!anonymous && !optional)
            {
                var role = RoleOf(policies);
                operation.Description = string.IsNullOrEmpty(operation.Description) ? $"Needs the {role} role." : $"{operation.Description}\n\nNeeds the {role} role.";
            }
            return Task.CompletedTask;
        });
    }

    // The strongest role an operation's policies ask for; an operation with none falls back to a signed-in viewer.
    private static string RoleOf(List<string> policies) =>
        policies.Contains(AccessPolicies.Admin) ? "admin"
        : policies.Contains(AccessPolicies.Operator) ? "operator"
        : "viewer";
}
