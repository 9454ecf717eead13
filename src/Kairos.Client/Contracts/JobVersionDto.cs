namespace Kairos.Client.Contracts;

/// <summary>One version of a job's definition, as its history lists it.</summary>
/// <param name="Version">1 for the first definition stored; never reused, even after the job is deleted.</param>
/// <param name="Kind">created, changed or deleted.</param>
/// <param name="ChangedAt">When the change was stored.</param>
/// <param name="ChangedBy">The user, or <c>file:&lt;path&gt;</c> for a change of the job folder.</param>
/// <param name="Reason">Why, as the one who changed it said; null when they did not.</param>
/// <param name="Changed">The fields that differ from the version before, as paths such as <c>schedule.cron</c>; empty unless <paramref name="Kind"/> is changed.</param>
public sealed record JobVersionDto(
    int Version,
    string Kind,
    DateTimeOffset ChangedAt,
    string ChangedBy,
    string? Reason,
    IReadOnlyList<string> Changed);
