using Kairos.Client.Contracts;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Server.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Kairos.Server.Access;

/// <summary>Sign-in for the console (session cookie), API tokens for the CLI and automation, and who-am-I.</summary>
internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Access");
        auth.MapPost("/login", SignInAsync).AllowAnonymous().RequireRateLimiting(AccessSetup.SignInRateLimit)
            .WithSummary("Sign in with a password; sets the console's session cookie");
        // Cast: a method taking only HttpContext would otherwise bind as a RequestDelegate and drop its result.
        auth.MapPost("/logout", (Func<HttpContext, Task<IResult>>)SignOutAsync).RequireAuthorization(AccessPolicies.Viewer).WithSummary("End the console session");
        auth.MapGet("/me", Me).RequireAuthorization(AccessPolicies.Viewer).WithSummary("Who is signed in, with the CSRF token for console writes");
        auth.MapPost("/tokens", CreateTokenAsync).AllowAnonymous().RequireRateLimiting(AccessSetup.SignInRateLimit)
            .WithSummary("Create an API token: for yourself when signed in, else with user name and password");
        auth.MapGet("/tokens", ListTokensAsync).RequireAuthorization(AccessPolicies.Viewer).WithSummary("Your tokens; an admin sees everyone's");
        auth.MapDelete("/tokens/{id:long}", RevokeTokenAsync).RequireAuthorization(AccessPolicies.Viewer).WithSummary("Revoke a token: your own, or anyone's as admin");
    }

    private static async Task<IResult> SignInAsync(SignInRequest? body, HttpContext http, IKairosStore store, CancellationToken ct)
    {
        var user = await CheckPasswordAsync(body?.User, body?.Password, http, store, ct);
        if (user is null) return Problems.Unauthenticated(ApiText.Get("Access.SignInFailed"));
        http.User = KairosClaims.Principal(user, AccessSchemes.Session);
        await http.SignInAsync(AccessSchemes.Session, http.User, new AuthenticationProperties { IsPersistent = false });
        await http.AuditAsync("auth.login", $"user:{user.Name}");
        return TypedResults.Ok(MeOf(http, http.RequestServices.GetRequiredService<IAntiforgery>()));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.AuditAsync("auth.logout", $"user:{http.Actor()}");
        await http.SignOutAsync(AccessSchemes.Session);
        return TypedResults.NoContent();
    }

    private static IResult Me(HttpContext http, IAntiforgery antiforgery) => TypedResults.Ok(MeOf(http, antiforgery));

    private static MeDto MeOf(HttpContext http, IAntiforgery antiforgery)
    {
        var caller = http.Caller()!;
        var byToken = http.User.ByToken();
        return new MeDto(caller.Name, caller.Role.ToWire(), caller.Owners, byToken ? "token" : "session", byToken ? null : antiforgery.GetAndStoreTokens(http).RequestToken);
    }

    private static async Task<IResult> CreateTokenAsync(TokenRequest? body, HttpContext http, IKairosStore store, TimeProvider clock, CancellationToken ct)
    {
        var signedIn = http.Caller();
        var user = signedIn is not null ? await store.Users.GetAsync(signedIn.Name, ct) : await CheckPasswordAsync(body?.User, body?.Password, http, store, ct);
        if (user is null) return Problems.Unauthenticated(ApiText.Get("Access.SignInFailed"));
        // For this request only, so the audit entry names who asked for the token.
        if (signedIn is null) http.User = KairosClaims.Principal(user, "Password");
        if (body?.ExpiresInDays is < 0 or > 3650) return Problems.Invalid("expiresInDays", ApiText.Get("Access.TokenDays"));
        var now = clock.GetUtcNow();
        var days = body?.ExpiresInDays ?? 90;
        var secret = ApiTokens.NewSecret();
        var label = string.IsNullOrWhiteSpace(body?.Label) ? "token" : body.Label.Trim();
        var expires = days == 0 ? (DateTimeOffset?)null : now.AddDays(days);
        var id = await store.Users.AddTokenAsync(new ApiTokenRecord(0, user.Name, label, ApiTokens.Hash(secret), now, expires, null), ct);
        await http.AuditAsync("token.create", $"user:{user.Name}", null, $"token {id} '{label}'" + (expires is { } e ? $", expires {e:yyyy-MM-dd}" : ", never expires"));
        return TypedResults.Created($"/api/auth/tokens/{id}", new TokenCreatedDto(id, secret, user.Name, label, expires));
    }

    private static async Task<IResult> ListTokensAsync(HttpContext http, IKairosStore store, CancellationToken ct)
    {
        var caller = http.Caller()!;
        var tokens = await store.Users.TokensAsync(caller.IsAtLeast(Role.Admin) ? null : caller.Name, ct);
        return TypedResults.Ok(tokens.Select(t => new TokenDto(t.Id, t.UserName, t.Label, t.CreatedAt, t.ExpiresAt, t.RevokedAt)).ToList());
    }

    private static async Task<IResult> RevokeTokenAsync(long id, HttpContext http, IKairosStore store, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller()!;
        var token = (await store.Users.TokensAsync(caller.IsAtLeast(Role.Admin) ? null : caller.Name, ct)).FirstOrDefault(t => t.Id == id);
        if (token is null) return Problems.NotFound(ApiText.Get("Access.TokenNotFound", id));
        if (!await store.Users.RevokeTokenAsync(id, clock.GetUtcNow(), ct)) return Problems.Conflict(ApiText.Get("Access.TokenRevoked", id));
        await http.AuditAsync("token.revoke", $"user:{token.UserName}", null, $"token {id} '{token.Label}'", "active", "revoked");
        return TypedResults.NoContent();
    }

    /// <summary>The user when name and password match an enabled user; every failure is recorded, and all look alike to the caller.</summary>
    private static async Task<UserRecord?> CheckPasswordAsync(string? name, string? password, HttpContext http, IKairosStore store, CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(name) ? null : await store.Users.GetAsync(name.Trim(), ct);
        // Verify against a decoy when the user is unknown, so timing does not tell which names exist.
        var matches = Passwords.Verify(user?.Name ?? "decoy", user?.PasswordHash ?? Passwords.Decoy, password ?? "") && user is { Disabled: false };
        if (matches) return user;
        await http.AuditAsync("auth.login-failed", $"user:{name?.Trim() ?? "-"}", null, user is null ? "unknown user" : user.Disabled ? "user disabled" : "wrong password");
        return null;
    }
}
