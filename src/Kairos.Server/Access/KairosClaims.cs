using System.Security.Claims;
using Kairos.Core.Access;
using Kairos.Core.Ports;

namespace Kairos.Server.Access;

/// <summary>How a user's name, role and owner scope travel in a principal, and back to a <see cref="Caller"/>.</summary>
public static class KairosClaims
{
    public const string Owner = "kairos:owner";
    public const string TokenId = "kairos:token";

    public static ClaimsPrincipal Principal(UserRecord user, string scheme, long? tokenId = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user.Name), new(ClaimTypes.Role, user.Role.ToWire()) };
        claims.AddRange(user.Owners.Select(o => new Claim(Owner, o)));
        if (tokenId is { } id) claims.Add(new Claim(TokenId, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The signed-in caller, or null for an anonymous request.</summary>
    public static Caller? CallerOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { } name } && Roles.TryParse(user.FindFirstValue(ClaimTypes.Role), out var role)
            ? new Caller(name, role, user.FindAll(Owner).Select(c => c.Value).ToList())
            : null;

    public static Caller? Caller(this HttpContext context) => CallerOf(context.User);

    /// <summary>Whether the request was signed in with an API token (no cookie, so no CSRF check).</summary>
    public static bool ByToken(this ClaimsPrincipal user) => user.Identity?.AuthenticationType == AccessSchemes.Token;
}
