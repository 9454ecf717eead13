using Microsoft.AspNetCore.Authentication;

namespace Kairos.Server.Access;

/// <summary>Whether the console offers "Sign in with …", and the start of that sign-in. The provider's callback is the handler's.</summary>
internal static class SingleSignOnEndpoints
{
    public sealed record SingleSignOnDto(bool Enabled, string? DisplayName);

    public static void MapSingleSignOnEndpoints(this IEndpointRouteBuilder app)
    {
        var sso = app.MapGroup("/api/auth/sso").WithTags("Access").AllowAnonymous();
        sso.MapGet("", (SingleSignOnOptions options) => TypedResults.Ok(new SingleSignOnDto(options.IsEnabled, options.IsEnabled ? options.DisplayName : null)))
            .WithName("GetSingleSignOn")
            .WithSummary("Whether sign-in through an OpenID Connect provider is configured, and the provider's name");
        // Cast: a method taking only HttpContext would otherwise bind as a RequestDelegate and drop its result.
        sso.MapGet("/start", (Func<HttpContext, Task<IResult>>)StartAsync).WithName("StartSingleSignOn")
            .Produces(StatusCodes.Status302Found).ProducesProblem(StatusCodes.Status404NotFound).Produces(StatusCodes.Status503ServiceUnavailable, contentType: "text/html").RequireRateLimiting(AccessSetup.SignInRateLimit)
            .WithSummary("Send the browser to the provider to sign in; it comes back to the console signed in");
    }

    private static async Task<IResult> StartAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<SingleSignOnOptions>();
        if (!options.IsEnabled) return Problems.NotFound(ApiText.Get("Sso.NotConfigured"));
        try
        {
            // Always back to the console's start page: a return address taken from the request would be an open redirect.
            await http.ChallengeAsync(SingleSignOnSetup.Scheme, new AuthenticationProperties { RedirectUri = "/" });
            return Results.Empty;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            SingleSignOnLog.ProviderUnreachable(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOnEndpoints)), options.DisplayName, e);
            http.Response.Clear();
            await SingleSignOnPage.WriteAsync(http.Response, StatusCodes.Status503ServiceUnavailable, ApiText.Get("Sso.Unreachable", options.DisplayName));
            return Results.Empty;
        }
    }
}
