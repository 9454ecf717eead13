using Kairos.Client.Contracts;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Server.Access;

namespace Kairos.Server.Operations.Users;

/// <summary>A user as an operation left it, and the instant it was read at (whether a lockout is in force depends on it).</summary>
internal sealed record UserState(UserRecord User, DateTimeOffset At);

/// <summary>
/// Adding and changing users (role, owners, password, disabled, lockout), for admins. The rules a user must meet are
/// <see cref="UserAccounts"/>', shared with the offline <c>kairos users</c> command.
/// </summary>
internal sealed class UserAdministration(IKairosStore store, AccessOptions options, OperationAudit audit, TimeProvider clock)
{
    public async Task<Outcome<UserState>> AddAsync(Actor actor, NewUserRequest? request, CancellationToken ct)
    {
        if (Refusal.RoleNeeded(actor, Role.Admin) is { } role) return role;
        var (user, field, error) = UserAccounts.Create(request ?? new NewUserRequest(null, null, null), options.MinimumPasswordLength, clock.GetUtcNow());
        if (user is null) return Refusal.Invalid(field, error);
        if (!await store.Users.AddAsync(user, ct)) return Refusal.Conflict(ApiText.Get("Access.UserExists", user.Name));
        await audit.RecordAsync(actor, "user.add", $"user:{user.Name}", after: user.Describe());
        return Outcome<UserState>.Done(new UserState(user, clock.GetUtcNow()));
    }

    /// <summary>Changes a user; an admin cannot lock everyone out by demoting or disabling the last admin.</summary>
    public async Task<Outcome<UserState>> ChangeAsync(Actor actor, string name, UserChangeRequest? request, CancellationToken ct)
    {
        if (Refusal.RoleNeeded(actor, Role.Admin) is { } role) return role;
        var change = request ?? new UserChangeRequest();
        var now = clock.GetUtcNow();
        var user = await store.Users.GetAsync(name, ct);
        if (user is null) return Refusal.NotFound(ApiText.Get("Access.UserNotFound", name));
        var (changed, field, error) = UserAccounts.Change(user, change, options.MinimumPasswordLength, now);
        if (changed is null) return Refusal.Invalid(field, error);
        if (user.Role == Role.Admin && (changed.Role != Role.Admin || changed.Disabled) &&
            (await store.Users.ListAsync(ct)).Count(u => u.Role == Role.Admin && !u.Disabled) <= 1)
            return Refusal.Conflict(ApiText.Get("Access.LastAdmin", name));
        if (change.Unlock == true && await store.Users.UnlockAsync(name, now, ct))
            await audit.RecordAsync(actor, "user.unlock", $"user:{name}", null, null, $"locked until {user.LockedUntil:yyyy-MM-dd HH:mm:ss} UTC", "unlocked");
        if (change.ChangesUser())
        {
            await store.Users.UpdateAsync(changed, ct);
            var ended = await AccessRevocation.EndAfterChangeAsync(store.Users, user, changed, change.Password is not null, now, ct);
            await audit.RecordAsync(actor, "user.change", $"user:{name}", null, ended?.Describe(), user.Describe(), changed.Describe());
        }
        return Outcome<UserState>.Done(new UserState((await store.Users.GetAsync(name, ct))!, now));
    }
}
