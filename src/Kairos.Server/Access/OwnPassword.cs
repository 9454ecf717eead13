using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Microsoft.AspNetCore.Authentication;

namespace Kairos.Server.Access;

/// <summary>
/// A user changes their own password. The current one is checked like a sign-in (a wrong one counts towards the
/// lockout), since whoever holds a stolen session must not be able to take the account over with it.
/// </summary>
internal static class OwnPassword
{
    public static async Task<IResult> ChangeAsync(PasswordChangeRequest? body, HttpContext http, IKairosStore store, AccessOptions options, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller()!;
        var user = string.IsNullOrEmpty(body?.CurrentPassword) ? null : await PasswordCheck.CheckPasswordAsync(caller.Name, body.CurrentPassword, http, store, ct);
        if (user is null) return Problems.Invalid("currentPassword", ApiText.Get("Access.CurrentPasswordWrong"));
        var now = clock.GetUtcNow();
        var (changed, _, error) = UserAccounts.Change(user, new UserChangeRequest(Password: body!.NewPassword ?? ""), options.MinimumPasswordLength, now);
        if (changed is null) return Problems.Invalid("newPassword", error);
        await store.Users.UpdateAsync(changed, ct);
        var ended = await AccessRevocation.EndAfterChangeAsync(store.Users, user, changed, passwordChanged: true, now, ct);
        await http.AuditAsync("user.password", $"user:{user.Name}", null, ended?.Describe());
        // The session this came in on has ended with the others; clear its cookie too.
        if (!http.User.ByToken()) await http.SignOutAsync(AccessSchemes.Session);
        return TypedResults.NoContent();
    }
}
