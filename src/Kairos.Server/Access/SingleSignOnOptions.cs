namespace Kairos.Server.Access;

/// <summary>OpenID Connect sign-in beside local users, from the "Kairos:Access:OpenIdConnect" configuration section.</summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Kairos:Access:OpenIdConnect";

    /// <summary>The provider's issuer URL; single sign-on is off while it is empty.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client secret; prefer <see cref="ClientSecretFile"/> or the environment to a settings file.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A file holding the client secret (a mounted Kubernetes secret); wins over <see cref="ClientSecret"/>.</summary>
    public string? ClientSecretFile { get; set; }

    /// <summary>Scopes to ask for; empty means "openid profile". "openid" is always asked for.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The claim listing the user's groups, in the ID token or from the user-info endpoint.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>The claim that names the user in Kairos; "sub" when the provider sends no such claim.</summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    /// <summary>The provider's name on the console's button and in the audit log.</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>Fetch the provider's metadata over HTTPS only; tests turn it off for a provider on loopback.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The groups that give each role; a user in groups of several roles gets the highest.</summary>
    public SingleSignOnRoleGroups RoleGroups { get; set; } = new();

    /// <summary>Group → owner: an operator in the group may act on jobs of that owner.</summary>
    public Dictionary<string, string> OwnerGroups { get; set; } = [];

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority);

    public IReadOnlyList<string> EffectiveScopes => ["openid", .. (Scopes.Count == 0 ? ["profile"] : Scopes).Where(s => s != "openid").Distinct()];
}

/// <summary>Provider groups per Kairos role.</summary>
public sealed class SingleSignOnRoleGroups
{
    public List<string> Admin { get; set; } = [];
    public List<string> Operator { get; set; } = [];
    public List<string> Viewer { get; set; } = [];
}
