using Kairos.Core.Access;

namespace Kairos.Core.Ports;

/// <summary>
/// A local user. <see cref="PasswordHash"/> is the framework password hasher's output, never the password.
/// <see cref="LockedUntil"/> is set only by failed sign-ins and cleared by an unlock: an update leaves it as it is.
/// </summary>
public sealed record UserRecord(string Name, Role Role, string PasswordHash, IReadOnlyList<string> Owners, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset ChangedAt,
    DateTimeOffset? LockedUntil = null)
{
    public bool IsLockedAt(DateTimeOffset now) => LockedUntil > now;
}

/// <summary>An API token as stored: only the SHA-256 of the secret is kept.</summary>
public sealed record ApiTokenRecord(long Id, string UserName, string Label, string Hash, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
