using System.Security.Claims;
using Kairos.Core.Ports;
using Microsoft.AspNetCore.Authentication;

namespace Kairos.Server.Access;

/// <summary>
/// What happens when the provider sends the browser back. Kairos never keeps the provider's identity as a session:
/// it maps the user's groups, upserts the user and signs them into its own session, exactly as a password would.
/// </summary>
internal static class SingleSignOnCallback
{
    /// <summary>The provider vouched for the user: give them a Kairos session, or a page saying why not.</summary>
    public static async Task OnTicketReceivedAsync(TicketReceivedContext context)
    {
        // Handled here in every case: the handler's own sign-in would store the provider's principal as the session.
        context.HandleResponse();
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<SingleSignOnOptions>();
        var external = context.Principal ?? new ClaimsPrincipal();
        var name = NameOf(external, options);
        var groups = external.FindAll(options.GroupsClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        var users = http.RequestServices.GetRequiredService<IKairosStore>().Users;
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var grant = SingleSignOnGroups.Map(groups, options);
        var (user, refusal) = grant is null ? (null, SingleSignOnRefusal.NoMappedGroup) : await SingleSignOnUsers.UpsertAsync(users, name, grant, now, http.RequestAborted);
        if (user is null)
        {
            await http.AuditAsync("auth.login-failed", $"user:{name}", null, $"{options.DisplayName}: {RefusalDetail(refusal!.Value, groups)}");
            if (refusal == SingleSignOnRefusal.NoMappedGroup && await SingleSignOnUsers.WithdrawAsync(users, name, now, CancellationToken.None) is { } withdrawn)
                await http.AuditAsync("user.change", $"user:{name}", null, $"disabled: {options.DisplayName} puts them in no group mapped to a role",
                    withdrawn.Describe(), (withdrawn with { Disabled = true }).Describe());
            await SingleSignOnPage.WriteAsync(http.Response, StatusCodes.Status403Forbidden, SingleSignOnPage.Message(refusal.Value, options.DisplayName, name));
            return;
        }
        // The session carries what the store holds, so the per-request check of role and owners agrees with it.
        user = await users.GetAsync(user.Name, http.RequestAborted) ?? user;
        http.User = KairosClaims.Principal(user, AccessSchemes.Session);
        await http.SignInAsync(AccessSchemes.Session, http.User, new AuthenticationProperties { IsPersistent = false });
        await http.AuditAsync("auth.login", $"user:{user.Name}", null, $"via {options.DisplayName}, {user.Describe()}");
        http.Response.Redirect("/");
    }

    /// <summary>
    /// A callback the handler cannot accept (a forged or replayed state, a missing correlation cookie, an error from
    /// the provider, an unreachable token endpoint) ends with a page, never with an unhandled exception.
    /// </summary>
    public static async Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<SingleSignOnOptions>();
        if (!http.RequestServices.GetRequiredService<SingleSignOnFailureLimit>().Allows(http))
        {
            http.Response.Headers.RetryAfter = "60";
            await SingleSignOnPage.WriteAsync(http.Response, StatusCodes.Status429TooManyRequests, ApiText.Get("Access.TooManyAttempts"));
            return;
        }
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOnCallback));
        SingleSignOnLog.CallbackRefused(logger, options.DisplayName, context.Failure?.Message ?? "unknown");
        await http.AuditAsync("auth.login-failed", "user:-", null, $"{options.DisplayName}: {Shorten(context.Failure?.Message ?? "the callback failed")}");
        await SingleSignOnPage.WriteAsync(http.Response, StatusCodes.Status400BadRequest, ApiText.Get("Sso.CallbackFailed", options.DisplayName));
    }

    private static string NameOf(ClaimsPrincipal external, SingleSignOnOptions options) =>
        (external.FindFirst(options.UserNameClaim)?.Value ?? external.FindFirst("sub")?.Value ?? "").Trim();

    private static string RefusalDetail(SingleSignOnRefusal refusal, IReadOnlyList<string> groups) => refusal switch
    {
        SingleSignOnRefusal.NoMappedGroup => Shorten($"in no group mapped to a role (groups: {(groups.Count == 0 ? "none" : string.Join(", ", groups))})"),
        SingleSignOnRefusal.NameInvalid => "the provider's user name is not a valid Kairos user name",
        SingleSignOnRefusal.NameTakenByLocalUser => "a local user has this name",
        _ => "user disabled",
    };

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
