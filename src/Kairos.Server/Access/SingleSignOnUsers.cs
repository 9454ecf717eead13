using Kairos.Core.Ports;

namespace Kairos.Server.Access;

/// <summary>Why a provider's user may not have a Kairos session; each has its own page text and audit detail.</summary>
public enum SingleSignOnRefusal { NoMappedGroup, NameInvalid, NameTakenByLocalUser, Disabled }

/// <summary>
/// Keeps a user record for each person who signs in through the provider, so sessions, roles, owner scope, the audit
/// log and the users page treat them like local users. Role and owners are the provider's groups at the last sign-in.
/// </summary>
public static class SingleSignOnUsers
{
    /// <summary>
    /// Stands where a password hash would: it is valid base64 whose first byte names no hash format, so the password
    /// hasher answers "wrong password" for every password, and it tells these users apart from local ones.
    /// </summary>
    public const string NoPassword = "SingleSignOnOnly";

    public static bool IsExternal(this UserRecord user) => user.PasswordHash == NoPassword;

    /// <summary>Creates or refreshes the user; a local user of the same name is never taken over.</summary>
    public static async Task<(UserRecord? User, SingleSignOnRefusal? Refusal)> UpsertAsync(
        IUserStore users, string name, SingleSignOnGrant grant, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!UserAccounts.IsValidName(name)) return (null, SingleSignOnRefusal.NameInvalid);
        var existing = await users.GetAsync(name, cancellationToken);
        if (existing is null)
        {
            var created = new UserRecord(name, grant.Role, NoPassword, grant.Owners, false, now, now);
            // Another server may have created it meanwhile: then refresh that one.
            if (await users.AddAsync(created, cancellationToken)) return (created, null);
            existing = await users.GetAsync(name, cancellationToken);
            if (existing is null) return (null, SingleSignOnRefusal.NameInvalid);
        }
        if (!existing.IsExternal()) return (null, SingleSignOnRefusal.NameTakenByLocalUser);
        if (existing.Disabled) return (null, SingleSignOnRefusal.Disabled);
        if (existing.Role == grant.Role && existing.Owners.SequenceEqual(grant.Owners)) return (existing, null);
        var refreshed = existing with { Role = grant.Role, Owners = grant.Owners, ChangedAt = now };
        await users.UpdateAsync(refreshed, cancellationToken);
        return (refreshed, null);
    }

    /// <summary>
    /// Disables the provider's user who is no longer in any mapped group, so that their other sessions and their API
    /// tokens end now rather than keep the role of their last sign-in. Returns the record as it was, or null when
    /// there was nothing to disable.
    /// </summary>
    public static async Task<UserRecord?> WithdrawAsync(IUserStore users, string name, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var existing = UserAccounts.IsValidName(name) ? await users.GetAsync(name, cancellationToken) : null;
        if (existing is null || !existing.IsExternal() || existing.Disabled) return null;
        await users.UpdateAsync(existing with { Disabled = true, ChangedAt = now }, cancellationToken);
        // Each request re-reads the user and would refuse these anyway; ending them says so in the store too.
        await users.EndSessionsOfAsync(name, now, cancellationToken);
        return existing;
    }
}
