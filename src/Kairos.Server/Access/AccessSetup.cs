using System.Threading.RateLimiting;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Kairos.Server.Access;

/// <summary>
/// Authentication (session cookie or API token), role policies, CSRF, sign-in rate limit, server-side sessions and
/// trusted proxies.
/// </summary>
public static class AccessSetup
{
    public const string SignInRateLimit = "sign-in";

    public static IServiceCollection AddKairosAccess(this IServiceCollection services, AccessOptions options)
    {
        options.EnsureValid();
        services.AddSingleton(options);
        services.AddHostedService<FirstAdminHint>();
        services.AddTrustedProxies(options);

        services.AddAuthentication(AccessSchemes.Selector)
            .AddPolicyScheme(AccessSchemes.Selector, "session or token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? AccessSchemes.Token : AccessSchemes.Session)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(AccessSchemes.Token, null)
            .AddCookie(AccessSchemes.Session, o =>
            {
                o.Cookie.Name = AccessSchemes.SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = options.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = options.SessionIdle;
                o.SlidingExpiration = true;
                // An API answers 401 and 403; it never redirects to a login page.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
                o.Events.OnValidatePrincipal = ValidateSessionAsync;
            });
        services.AddSingleton<SessionTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(AccessSchemes.Session).Configure<SessionTicketStore>((o, sessions) => o.SessionStore = sessions);

        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Viewer, p => p.RequireAssertion(c => Allows(c, Role.Viewer)))
            .AddPolicy(AccessPolicies.Operator, p => p.RequireAssertion(c => Allows(c, Role.Operator)))
            .AddPolicy(AccessPolicies.Admin, p => p.RequireAssertion(c => Allows(c, Role.Admin)))
            .AddPolicy(AccessPolicies.CalendarRead, p => p.RequireAssertion(c => options.AnonymousCalendarRead || Allows(c, Role.Viewer)))
            .AddPolicy(AccessPolicies.Metrics, p => p.RequireAssertion(c => options.AnonymousMetrics || Allows(c, Role.Viewer)))
            // Anything not marked otherwise needs a signed-in viewer: a forgotten annotation fails closed.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAssertion(c => Allows(c, Role.Viewer)).Build());

        services.AddAntiforgery(o =>
        {
            o.HeaderName = AccessSchemes.CsrfHeader;
            o.Cookie.Name = AccessSchemes.CsrfCookie;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = options.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <param name="recordWrites">Runs once the caller is known and before anything can refuse the request, so it sees every answer.</param>
    public static WebApplication UseKairosAccess(this WebApplication app, Func<HttpContext, RequestDelegate, Task> recordWrites)
    {
        // First: the client's address and scheme must be known before anything limits, records or signs in by them.
        app.UseTrustedProxies(app.Services.GetRequiredService<AccessOptions>());
        app.UseAuthentication();
        app.Use(recordWrites);
        app.UseRateLimiter();
        app.Use(RequireCsrfTokenForSessionWrites);
        app.UseAuthorization();
        return app;
    }

    private static bool Allows(AuthorizationHandlerContext context, Role role) => KairosClaims.CallerOf(context.User)?.IsAtLeast(role) == true;

    /// <summary>
    /// A browser sends the session cookie with any request to this site; only a page of this site can read the CSRF
    /// token, so a write that carries a session must carry the token too. Token callers send no cookie and need none.
    /// </summary>
    private static async Task RequireCsrfTokenForSessionWrites(HttpContext context, RequestDelegate next)
    {
        if (context.Request.IsWrite() && context.User.Identity?.IsAuthenticated == true && !context.User.ByToken())
        {
            if (SecureTransport.Refusal(context) is { } plainHttp)
            {
                await plainHttp.ExecuteAsync(context);
                return;
            }
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await Results.Problem(statusCode: 400, title: ApiText.Get("Title.Refused"), detail: ApiText.Get("Access.CsrfMissing"),
                    extensions: new Dictionary<string, object?> { ["code"] = "csrf" }).ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    }

    /// <summary>
    /// Each request re-reads the user: a disabled user or a changed role or scope ends the session at once, even one
    /// that a change made outside this server left in the store. Age is the session store's business.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<IKairosStore>();
        var caller = KairosClaims.CallerOf(context.Principal!);
        var user = caller is null ? null : await store.Users.GetAsync(caller.Name, context.HttpContext.RequestAborted);
        if (user is null || user.Disabled || user.Role != caller!.Role || !user.Owners.SequenceEqual(caller.Owners))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AccessSchemes.Session);
        }
    }
}
