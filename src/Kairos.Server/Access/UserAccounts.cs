using System.Text.RegularExpressions;
using Kairos.Client.Contracts;
using Kairos.Core.Access;
using Kairos.Core.Ports;

namespace Kairos.Server.Access;

/// <summary>The rules for creating and changing users, shared by the API and the offline <c>kairos users</c> command.</summary>
internal static partial class UserAccounts
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")]
    private static partial Regex NamePattern();

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    public static (UserRecord? User, string Field, string Error) Create(NewUserRequest request, int minimumPasswordLength, DateTimeOffset now)
    {
        if (request.Name is not { } name || !NamePattern().IsMatch(name)) return (null, "name", ApiText.Get("Access.UserNameInvalid", request.Name ?? ""));
        if (!Roles.TryParse(request.Role, out var role)) return (null, "role", ApiText.Get("Access.RoleInvalid", request.Role ?? ""));
        if (Passwords.Weakness(request.Password, minimumPasswordLength) is { } weak) return (null, "password", weak);
        return (new UserRecord(name, role, Passwords.Hash(name, request.Password!), CleanOwners(request.Owners), false, now, now), "", "");
    }

    public static (UserRecord? User, string Field, string Error) Change(UserRecord user, UserChangeRequest change, int minimumPasswordLength, DateTimeOffset now)
    {
        var role = user.Role;
        if (change.Role is not null && !Roles.TryParse(change.Role, out role)) return (null, "role", ApiText.Get("Access.RoleInvalid", change.Role));
        var hash = user.PasswordHash;
        if (change.Password is not null)
        {
            if (Passwords.Weakness(change.Password, minimumPasswordLength) is { } weak) return (null, "password", weak);
            hash = Passwords.Hash(user.Name, change.Password);
        }
        return (user with
        {
            Role = role, PasswordHash = hash, Owners = change.Owners is null ? user.Owners : CleanOwners(change.Owners),
            Disabled = change.Disabled ?? user.Disabled, ChangedAt = now,
        }, "", "");
    }

    public static UserDto ToDto(this UserRecord user, DateTimeOffset now) =>
        new(user.Name, user.Role.ToWire(), user.Owners, user.Disabled, user.CreatedAt, user.ChangedAt, user.IsLockedAt(now) ? user.LockedUntil : null);

    /// <summary>Whether the request changes the user itself, beyond lifting a lock.</summary>
    public static bool ChangesUser(this UserChangeRequest change) => change with { Unlock = null } != new UserChangeRequest();

    /// <summary>What the audit log keeps of a user: never the hash.</summary>
    public static string Describe(this UserRecord user) =>
        $"role={user.Role.ToWire()} owners={(user.Owners.Count == 0 ? "*" : string.Join(',', user.Owners))} disabled={user.Disabled.ToString().ToLowerInvariant()}";

    private static List<string> CleanOwners(IReadOnlyList<string>? owners) =>
        owners?.Select(o => o.Trim()).Where(o => o.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
}
