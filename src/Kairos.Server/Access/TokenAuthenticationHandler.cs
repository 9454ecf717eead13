using System.Text.Encodings.Web;
using Kairos.Core.Ports;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Kairos.Server.Access;

/// <summary>Authorization: Bearer kairos_…: the token's hash is looked up; expired, revoked or disabled means refused.</summary>
internal sealed class TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IKairosStore store, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length == 0) return AuthenticateResult.Fail("empty bearer token");
        var found = await store.Users.FindTokenAsync(ApiTokens.Hash(secret), Context.RequestAborted).ConfigureAwait(false);
        if (found is not { } hit) return AuthenticateResult.Fail("unknown token");
        if (!hit.Token.IsValidAt(clock.GetUtcNow())) return AuthenticateResult.Fail("the token is expired or revoked");
        if (hit.User.Disabled) return AuthenticateResult.Fail("the token's user is disabled");
        return AuthenticateResult.Success(new AuthenticationTicket(KairosClaims.Principal(hit.User, AccessSchemes.Token, hit.Token.Id), AccessSchemes.Token));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"kairos\"";
        return base.HandleChallengeAsync(properties);
    }
}
