using Dapper;
using Kairos.Core.Access;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

internal sealed partial class SqlUserStore(SqlDialect dialect) : IUserStore
{
    private const string UserColumns = "name, role, password_hash AS passwordhash, owners, disabled, created_at AS createdat, changed_at AS changedat, locked_until AS lockeduntil";

    public async Task<UserRecord?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>($"SELECT {UserColumns} FROM users WHERE name = @name", new { name }).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<UserRow>($"SELECT {UserColumns} FROM users ORDER BY name").ConfigureAwait(false)).Select(r => r.ToRecord()).ToList();
    }

    public async Task<bool> AddAsync(UserRecord user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var taken = await scope.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE name = @Name", new { user.Name }, scope.Transaction).ConfigureAwait(false);
        if (taken > 0) return false;
        await scope.Connection.ExecuteAsync(
            "INSERT INTO users (name, role, password_hash, owners, disabled, created_at, changed_at) VALUES (@Name, @Role, @PasswordHash, @Owners, @Disabled, @CreatedAt, @ChangedAt)",
            Parameters(user), scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> UpdateAsync(UserRecord user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var changed = await scope.Connection.ExecuteAsync(
            "UPDATE users SET role = @Role, password_hash = @PasswordHash, owners = @Owners, disabled = @Disabled, changed_at = @ChangedAt WHERE name = @Name",
            Parameters(user), scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    public async Task<long> AddTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var id = await scope.Connection.ExecuteScalarAsync<long>(
            "INSERT INTO api_tokens (user_name, label, hash, created_at, expires_at) VALUES (@UserName, @Label, @Hash, @CreatedAt, @ExpiresAt) RETURNING id",
            new { token.UserName, token.Label, token.Hash, CreatedAt = UnixTime.ToMs(token.CreatedAt), ExpiresAt = UnixTime.ToMs(token.ExpiresAt) }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<(ApiTokenRecord Token, UserRecord User)?> FindTokenAsync(string hash, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var token = await connection.QuerySingleOrDefaultAsync<TokenRow>($"SELECT {TokenColumns} FROM api_tokens WHERE hash = @hash", new { hash }).ConfigureAwait(false);
        if (token is null) return null;
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>($"SELECT {UserColumns} FROM users WHERE name = @UserName", new { token.UserName }).ConfigureAwait(false);
        return user is null ? null : (token.ToRecord(), user.ToRecord());
    }

    public async Task<IReadOnlyList<ApiTokenRecord>> TokensAsync(string? userName, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TokenRow>(
            $"SELECT {TokenColumns} FROM api_tokens WHERE (CAST(@userName AS TEXT) IS NULL OR user_name = @userName) ORDER BY id", new { userName }).ConfigureAwait(false);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<bool> RevokeTokenAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var changed = await scope.Connection.ExecuteAsync("UPDATE api_tokens SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL",
            new { id, at = UnixTime.ToMs(at) }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    public async Task<int> RevokeTokensOfAsync(string userName, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var changed = await scope.Connection.ExecuteAsync("UPDATE api_tokens SET revoked_at = @at WHERE user_name = @userName AND revoked_at IS NULL",
            new { userName, at = UnixTime.ToMs(at) }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed;
    }

    public async Task<IReadOnlyList<(string Name, string Xml)>> ProtectionKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<(string Name, string Xml)>("SELECT name, xml FROM protection_keys ORDER BY name").ConfigureAwait(false)).ToList();
    }

    public async Task SaveProtectionKeyAsync(string name, string xml, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync("INSERT INTO protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO UPDATE SET xml = excluded.xml",
            new { name, xml }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private const string TokenColumns = "id, user_name AS username, label, hash, created_at AS createdat, expires_at AS expiresat, revoked_at AS revokedat";

    private static object Parameters(UserRecord user) => new
    {
        user.Name, Role = user.Role.ToWire(), user.PasswordHash, Owners = user.Owners.Count == 0 ? null : string.Join(',', user.Owners),
        Disabled = user.Disabled ? 1 : 0, CreatedAt = UnixTime.ToMs(user.CreatedAt), ChangedAt = UnixTime.ToMs(user.ChangedAt),
    };

    private sealed record UserRow(string Name, string Role, string PasswordHash, string? Owners, long Disabled, long CreatedAt, long ChangedAt, long? LockedUntil)
    {
        public UserRecord ToRecord() => new(Name, Roles.FromWire(Role), PasswordHash,
            Owners is null ? [] : Owners.Split(',', StringSplitOptions.RemoveEmptyEntries), Disabled != 0, UnixTime.FromMs(CreatedAt), UnixTime.FromMs(ChangedAt), UnixTime.FromMs(LockedUntil));
    }

    private sealed record TokenRow(long Id, string UserName, string Label, string Hash, long CreatedAt, long? ExpiresAt, long? RevokedAt)
    {
        public ApiTokenRecord ToRecord() => new(Id, UserName, Label, Hash, UnixTime.FromMs(CreatedAt), UnixTime.FromMs(ExpiresAt), UnixTime.FromMs(RevokedAt));
    }
}
