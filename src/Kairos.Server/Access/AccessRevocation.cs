using Kairos.Core.Ports;

namespace Kairos.Server.Access;

/// <summary>
/// What a change to a user ends, for the API and the offline command alike. A new password means the old one may be
/// known to someone else, so every session and every token made with it ends. Disabling, or changing role or owner
/// scope, ends sessions (they carry the old role); tokens need not end then, since each token request re-reads the user.
/// </summary>
internal static class AccessRevocation
{
    /// <summary>What the change ended, or null when it ends nothing.</summary>
    public static async Task<EndedAccess?> EndAfterChangeAsync(IUserStore users, UserRecord before, UserRecord after, bool passwordChanged, DateTimeOffset now, CancellationToken ct)
    {
        var standingChanged = (after.Disabled && !before.Disabled) || after.Role != before.Role || !after.Owners.SequenceEqual(before.Owners);
        if (!passwordChanged && !standingChanged) return null;
        var sessions = await users.EndSessionsOfAsync(after.Name, now, ct).ConfigureAwait(false);
        var tokens = passwordChanged ? await users.RevokeTokensOfAsync(after.Name, now, ct).ConfigureAwait(false) : 0;
        return new EndedAccess(sessions, tokens, passwordChanged);
    }
}

/// <summary>How many sessions and tokens a change ended, as the audit log says it.</summary>
internal sealed record EndedAccess(int Sessions, int Tokens, bool PasswordChanged)
{
    public string Describe() =>
        (PasswordChanged ? "password changed; " : "") + $"{Sessions} session(s) ended" + (PasswordChanged ? $", {Tokens} token(s) revoked" : "");
}
