using System.Threading.RateLimiting;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Kairos.Server.Api;
using Microsoft.Extensions.Options;

namespace Kairos.Server.Access;

/// <summary>Authentication (session cookie or API token), role policies, CSRF, sign-in rate limit and session lifetime.</summary>
public static class AccessSetup
{
    public const string SignInRateLimit = "sign-in";

    public static IServiceCollection AddKairosAccess(this IServiceCollection services, AccessOptions options)
    {
        services.AddSingleton(options);
        services.AddHostedService<FirstAdminHint>();
        services.AddDataProtection().SetApplicationName("Kairos");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new StoreXmlRepository(sp.GetRequiredService<IKairosStore>())));

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

    public static WebApplication UseKairosAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(RequestAudit.RecordUnrecordedWrites);
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

    /// <summary>Each request re-reads the user: a disabled user or a changed role ends the session at once; so does age.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<AccessOptions>();
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var store = context.HttpContext.RequestServices.GetRequiredService<IKairosStore>();
        var caller = KairosClaims.CallerOf(context.Principal!);
        var user = caller is null ? null : await store.Users.GetAsync(caller.Name, context.HttpContext.RequestAborted);
        var tooOld = context.Properties.IssuedUtc is { } issued && clock.GetUtcNow() - issued > options.SessionMax;
        if (user is null || user.Disabled || user.Role != caller!.Role || !user.Owners.SequenceEqual(caller.Owners) || tooOld)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AccessSchemes.Session);
        }
    }
}
