
namespace Kairos.Server.Access;

/// <summary>
/// How long a new API token lives. Everyone, admins included, is held to <see cref="AccessOptions.MaxTokenLifetime"/>:
/// a leaked admin token is the costliest of all. Only an admin, and only where the settings allow it, may make a token
/// that never expires, for automation that cannot renew one.
/// </summary>
internal static class TokenLifetime
{
    public const int DefaultDays = 90;

    /// <summary>When the token expires (null: never), or why the request is refused.</summary>
    public static (DateTimeOffset? ExpiresAt, string? Refusal) Decide(int? requestedDays, bool byAdmin, AccessOptions options, DateTimeOffset now)
    {
        var maxDays = (int)options.MaxTokenLifetime.TotalDays;
        if (requestedDays is null) return (now + TimeSpan.FromDays(Math.Min(DefaultDays, options.MaxTokenLifetime.TotalDays)), null);
        if (requestedDays == 0)
            return byAdmin && options.AllowNonExpiringTokens ? (null, null) : (null, ApiText.Get("Access.TokenNeverRefused", maxDays));
        if (requestedDays < 0 || requestedDays > options.MaxTokenLifetime.TotalDays) return (null, ApiText.Get("Access.TokenDays", maxDays));
        return (now.AddDays(requestedDays.Value), null);
    }
}
