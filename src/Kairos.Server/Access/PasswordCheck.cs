using System.Globalization;
using Kairos.Core.Ports;

namespace Kairos.Server.Access;

/// <summary>
/// Checks a name and password for sign-in and token requests. Every failure looks alike to the caller (an unknown
/// name, a wrong password, a disabled or locked account) and costs the same work; the audit log says which it was.
/// Wrong passwords for one account lock it for a while, in the store, so the lock holds on every node.
/// </summary>
internal static class PasswordCheck
{
    /// <summary>The user when name and password match an enabled user whose account is not locked; else null.</summary>
    public static async Task<UserRecord?> CheckPasswordAsync(string? name, string? password, HttpContext http, IKairosStore store, CancellationToken ct)
    {
        var options = http.RequestServices.GetRequiredService<AccessOptions>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var user = string.IsNullOrWhiteSpace(name) ? null : await store.Users.GetAsync(name.Trim(), ct);
        // Verify against a decoy when the user is unknown, and even when locked, so timing tells nothing either.
        var passwordMatches = Passwords.Verify(user?.Name ?? "decoy", user?.PasswordHash ?? Passwords.Decoy, password ?? "");
        var locked = user?.IsLockedAt(now) == true;
        if (passwordMatches && user is { Disabled: false } && !locked)
        {
            await store.Users.ClearSignInFailuresAsync(user.Name, ct);
            return user;
        }
        var why = user is null ? "unknown user" : user.Disabled ? "user disabled" : locked ? "locked" : "wrong password";
        await http.AuditAsync("auth.login-failed", $"user:{name?.Trim() ?? "-"}", null, why);
        // Called for every failure, known name or not, so that a wrong password costs the same store work as an
        // unknown name; the store counts only enabled, unlocked accounts.
        if (await store.Users.RecordSignInFailureAsync(user?.Name ?? name?.Trim() ?? "", now, LockoutOf(options), ct) is { } until)
            await http.AuditAsync("auth.locked", $"user:{user?.Name ?? name?.Trim()}", null,
                string.Create(CultureInfo.InvariantCulture, $"{options.LockoutFailures} wrong passwords within {options.LockoutWindow}; locked until {until:yyyy-MM-dd HH:mm:ss} UTC"));
        return null;
    }

    private static SignInLockout LockoutOf(AccessOptions options) => new(options.LockoutFailures, options.LockoutWindow, options.LockoutPeriod);
}
