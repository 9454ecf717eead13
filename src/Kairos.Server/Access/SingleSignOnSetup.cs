using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Kairos.Server.Access;

/// <summary>
/// Registers OpenID Connect sign-in (authorization code with PKCE) when <c>Kairos:Access:OpenIdConnect:Authority</c>
/// is set. The handler keeps nothing after the callback but the Kairos session made there; its only cookies of its
/// own are the short-lived correlation and nonce cookies of the handshake.
/// </summary>
public static class SingleSignOnSetup
{
    public const string Scheme = "OpenIdConnect";
    public const string CallbackPath = "/api/auth/sso/callback";

    public static IServiceCollection AddKairosSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        var options = Read(configuration);
        services.AddSingleton(options);
        if (!options.IsEnabled) return services;
        services.AddSingleton<SingleSignOnFailureLimit>();
        var secureCookies = configuration.GetValue<bool>("Kairos:Access:SecureCookies");
        services.AddAuthentication().AddOpenIdConnect(Scheme, options.DisplayName, o =>
        {
            o.Authority = options.Authority;
            o.ClientId = options.ClientId;
            o.ClientSecret = options.ClientSecret;
            o.RequireHttpsMetadata = options.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // A GET back from the provider: the handshake cookies can then be SameSite=Lax instead of None.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CallbackPath = CallbackPath;
            o.SignInScheme = AccessSchemes.Session;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.SaveTokens = false;
            o.DisableTelemetry = true;
            o.Scope.Clear();
            foreach (var scope in options.EffectiveScopes) o.Scope.Add(scope);
            o.ClaimActions.MapJsonKey(options.GroupsClaim, options.GroupsClaim);
            o.ClaimActions.MapUniqueJsonKey(options.UserNameClaim, options.UserNameClaim);
            foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            }
            o.Events.OnTicketReceived = SingleSignOnCallback.OnTicketReceivedAsync;
            o.Events.OnRemoteFailure = SingleSignOnCallback.OnRemoteFailureAsync;
        });
        return services;
    }

    /// <summary>The settings, with the secret read from its file; a setting that cannot work stops the start.</summary>
    public static SingleSignOnOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        if (!options.IsEnabled) return options;
        if (options.ClientSecretFile is { Length: > 0 } file)
        {
            if (!File.Exists(file)) throw new InvalidOperationException($"{SingleSignOnOptions.Section}:ClientSecretFile names '{file}', which does not exist.");
            options.ClientSecret = File.ReadAllText(file).Trim();
        }
        if (string.IsNullOrWhiteSpace(options.ClientId)) throw new InvalidOperationException($"{SingleSignOnOptions.Section}:ClientId is required when Authority is set.");
        var roles = options.RoleGroups;
        if (roles.Admin.Count + roles.Operator.Count + roles.Viewer.Count == 0)
            throw new InvalidOperationException($"{SingleSignOnOptions.Section}:RoleGroups maps no group to a role, so nobody could sign in; map at least one.");
        return options;
    }
}
