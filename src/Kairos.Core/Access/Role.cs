namespace Kairos.Core.Access;

/// <summary>What a user may do; each role includes the ones below it.</summary>
public enum Role
{
    /// <summary>Reads everything: jobs, runs, logs, calendars, the audit log.</summary>
    Viewer = 1,

    /// <summary>Also acts on jobs and runs: hold, release, trigger, kill, rerun, skip, backfill.</summary>
    Operator = 2,

    /// <summary>Also changes definitions, calendars, users and tokens.</summary>
    Admin = 3,
}

public static class Roles
{
    public static string ToWire(this Role role) => role switch
    {
        Role.Viewer => "viewer",
        Role.Operator => "operator",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? text, out Role role)
    {
        role = text?.Trim().ToLowerInvariant() switch
        {
            "viewer" => Role.Viewer,
            "operator" => Role.Operator,
            "admin" => Role.Admin,
            _ => 0,
        };
        return role != 0;
    }

    public static Role FromWire(string text) => TryParse(text, out var role) ? role : throw new FormatException($"unknown role '{text}': expected viewer, operator or admin");
}
