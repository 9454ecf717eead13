using Kairos.Client.Contracts;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Kairos.Server.Access;

/// <summary>Sign-in for the console (session cookie), API tokens for the CLI and automation, and who-am-I.</summary>
internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Access");
        auth.MapPost("/login", SignInAsync).WithName("SignIn").Produces<MeDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).AllowAnonymous().RequireRateLimiting(AccessSetup.SignInRateLimit)
            .WithSummary("Sign in with a password; sets the console's session cookie");
        // Cast: a method taking only HttpContext would otherwise bind as a RequestDelegate and drop its result.
        auth.MapPost("/logout", (Func<HttpContext, Task<IResult>>)SignOutAsync).WithName("SignOut").Produces(StatusCodes.Status204NoContent).RequireAuthorization(AccessPolicies.Viewer).WithSummary("End the console session");
        auth.MapGet("/me", Me).WithName("GetMe").Produces<MeDto>().ProducesValidationProblem().RequireAuthorization(AccessPolicies.Viewer).WithSummary("Who is signed in, with the CSRF token for console writes");
        auth.MapPost("/tokens", CreateTokenAsync).WithName("CreateToken").Produces<TokenCreatedDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).AllowAnonymous().RequireRateLimiting(AccessSetup.SignInRateLimit)
            .WithSummary("Create an API token: for yourself when signed in, else with user name and password");
        auth.MapPost("/password", OwnPassword.ChangeAsync).WithName("ChangeOwnPassword").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().RequireAuthorization(AccessPolicies.Viewer).RequireRateLimiting(AccessSetup.SignInRateLimit)
            .WithSummary("Change your own password; ends your sessions and revokes your tokens");
        auth.MapGet("/tokens", ListTokensAsync).WithName("ListTokens").Produces<List<TokenDto>>().RequireAuthorization(AccessPolicies.Viewer).WithSummary("Your tokens; an admin sees everyone's");
        auth.MapDelete("/tokens/{id:long}", RevokeTokenAsync).WithName("RevokeToken").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(AccessPolicies.Viewer).WithSummary("Revoke a token: your own, or anyone's as admin");
    }

    private static async Task<IResult> SignInAsync(SignInRequest? body, HttpContext http, IKairosStore store, CancellationToken ct)
    {
        if (SecureTransport.Refusal(http) is { } plainHttp) return plainHttp;
        var user = await PasswordCheck.CheckPasswordAsync(body?.User, body?.Password, http, store, ct);
        if (user is null) return Problems.Unauthenticated(ApiText.Get("Access.SignInFailed"));
        http.User = KairosClaims.Principal(user, AccessSchemes.Session);
        // The one way a session begins, whoever vouched for the user: the session store keeps it server-side.
        await http.SignInAsync(AccessSchemes.Session, http.User, new AuthenticationProperties { IsPersistent = false });
        await http.AuditAsync("auth.login", $"user:{user.Name}");
        return MeOf(http, http.RequestServices.GetRequiredService<IAntiforgery>());
    }

    /// <summary>Ends the session in the store too, so the cookie stops working even where a copy of it survives.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.AuditAsync("auth.logout", $"user:{http.Actor()}");
        await http.SignOutAsync(AccessSchemes.Session);
        return TypedResults.NoContent();
    }

    private static IResult Me(HttpContext http, IAntiforgery antiforgery) => MeOf(http, antiforgery);

    private static IResult MeOf(HttpContext http, IAntiforgery antiforgery)
    {
        var caller = http.Caller()!;
        var byToken = http.User.ByToken();
        // The CSRF cookie is Secure when session cookies are: over plain HTTP it cannot be set.
        if (!byToken && SecureTransport.Refusal(http) is { } plainHttp) return plainHttp;
        return TypedResults.Ok(new MeDto(caller.Name, caller.Role.ToWire(), caller.Owners, byToken ? "token" : "session", byToken ? null : antiforgery.GetAndStoreTokens(http).RequestToken));
    }

    private static async Task<IResult> CreateTokenAsync(TokenRequest? body, HttpContext http, IKairosStore store, AccessOptions options, TimeProvider clock, CancellationToken ct)
    {
        var signedIn = http.Caller();
        var user = signedIn is not null ? await store.Users.GetAsync(signedIn.Name, ct) : await PasswordCheck.CheckPasswordAsync(body?.User, body?.Password, http, store, ct);
        if (user is null) return Problems.Unauthenticated(ApiText.Get("Access.SignInFailed"));
        // For this request only, so the audit entry names who asked for the token.
        if (signedIn is null) http.User = KairosClaims.Principal(user, "Password");
        var now = clock.GetUtcNow();
        var (expires, refusal) = TokenLifetime.Decide(body?.ExpiresInDays, user.Role == Role.Admin, options, now);
        if (refusal is not null) return Problems.Invalid("expiresInDays", refusal);
        var secret = ApiTokens.NewSecret();
        var label = string.IsNullOrWhiteSpace(body?.Label) ? "token" : body.Label.Trim();
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
}
