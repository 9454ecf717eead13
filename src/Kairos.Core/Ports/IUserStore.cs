namespace Kairos.Core.Ports;

/// <summary>Users, their API tokens, and the keys that protect console sessions.</summary>
public interface IUserStore
{
    Task<UserRecord?> GetAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a user; false when the name is taken.</summary>
    Task<bool> AddAsync(UserRecord user, CancellationToken cancellationToken = default);

    /// <summary>Replaces role, password hash, owners and disabled; false when there is no such user.</summary>
    Task<bool> UpdateAsync(UserRecord user, CancellationToken cancellationToken = default);

    Task<long> AddTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken = default);

    /// <summary>The token with this hash and its user, whatever their state; the caller checks expiry and revocation.</summary>
    Task<(ApiTokenRecord Token, UserRecord User)?> FindTokenAsync(string hash, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiTokenRecord>> TokensAsync(string? userName, CancellationToken cancellationToken = default);

    /// <summary>Marks a token revoked; false when it does not exist or was already revoked.</summary>
    Task<bool> RevokeTokenAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<(string Name, string Xml)>> ProtectionKeysAsync(CancellationToken cancellationToken = default);

    Task SaveProtectionKeyAsync(string name, string xml, CancellationToken cancellationToken = default);
}
