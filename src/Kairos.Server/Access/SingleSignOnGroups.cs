using Kairos.Core.Access;

namespace Kairos.Server.Access;

/// <summary>What a user's provider groups give them in Kairos: a role and an owner scope, or nothing.</summary>
public sealed record SingleSignOnGrant(Role Role, IReadOnlyList<string> Owners);

/// <summary>
/// Maps provider groups to a role (the highest any group gives) and owners. Group names compare exactly, as providers
/// treat them: "Team-A" and "team-a" are different groups.
/// </summary>
public static class SingleSignOnGroups
{
    /// <summary>The grant for these groups, or null when no group maps to a role (the sign-in is refused).</summary>
    public static SingleSignOnGrant? Map(IEnumerable<string> groups, SingleSignOnOptions options)
    {
        var held = groups.ToHashSet(StringComparer.Ordinal);
        Role? role = held.Overlaps(options.RoleGroups.Admin) ? Role.Admin
            : held.Overlaps(options.RoleGroups.Operator) ? Role.Operator
            : held.Overlaps(options.RoleGroups.Viewer) ? Role.Viewer
            : null;
        if (role is not { } granted) return null;
        var owners = options.OwnerGroups.Where(g => held.Contains(g.Key)).Select(g => g.Value.Trim())
            .Where(o => o.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        return new SingleSignOnGrant(granted, owners);
    }
}
