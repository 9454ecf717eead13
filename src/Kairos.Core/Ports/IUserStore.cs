namespace Kairos.Core.Ports;

/// <summary>Users, their API tokens, their console sessions, sign-in lockout, and the keys that protect sessions.</summary>
public interface IUserStore
{
    Task<UserRecord?> GetAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a user; false when the name is taken.</summary>
    Task<bool> AddAsync(UserRecord user, CancellationToken cancellationToken = default);

    /// <summary>Replaces role, password hash, owners and disabled (not the lockout); false when there is no such user.</summary>
    Task<bool> UpdateAsync(UserRecord user, CancellationToken cancellationToken = default);

    Task<long> AddTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken = default);

    /// <summary>The token with this hash and its user, whatever their state; the caller checks expiry and revocation.</summary>
    Task<(ApiTokenRecord Token, UserRecord User)?> FindTokenAsync(string hash, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiTokenRecord>> TokensAsync(string? userName, CancellationToken cancellationToken = default);

    /// <summary>Marks a token revoked; false when it does not exist or was already revoked.</summary>
    Task<bool> RevokeTokenAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Revokes every token of the user not yet revoked; returns how many.</summary>
    Task<int> RevokeTokensOfAsync(string userName, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task AddSessionAsync(SessionRecord session, CancellationToken cancellationToken = default);

    /// <summary>The session with this id hash, whatever its state; the caller checks expiry and revocation.</summary>
    Task<SessionRecord?> FindSessionAsync(string idHash, CancellationToken cancellationToken = default);

    /// <summary>Replaces the ticket and idle expiry (never past the absolute expiry) of a session not revoked; false when there is none.</summary>
    Task<bool> RenewSessionAsync(string idHash, string ticket, DateTimeOffset idleExpiry, CancellationToken cancellationToken = default);

    /// <summary>Revokes one session; false when it does not exist or was already revoked.</summary>
    Task<bool> EndSessionAsync(string idHash, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Revokes every session of the user still live at <paramref name="at"/>; returns how many.</summary>
    Task<int> EndSessionsOfAsync(string userName, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Deletes sessions revoked or expired by <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteEndedSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts a wrong password for the user under <paramref name="lockout"/>; returns when the account is locked until
    /// if this failure locked it, else null. Does nothing for an unknown, disabled or already locked user.
    /// </summary>
    Task<DateTimeOffset?> RecordSignInFailureAsync(string name, DateTimeOffset at, SignInLockout lockout, CancellationToken cancellationToken = default);

    /// <summary>Forgets counted failures after a successful sign-in.</summary>
    Task ClearSignInFailuresAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Lifts a lock and forgets counted failures; false when the user was not locked at <paramref name="now"/>.</summary>
    Task<bool> UnlockAsync(string name, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<(string Name, string Xml)>> ProtectionKeysAsync(CancellationToken cancellationToken = default);

    Task SaveProtectionKeyAsync(string name, string xml, CancellationToken cancellationToken = default);
}
