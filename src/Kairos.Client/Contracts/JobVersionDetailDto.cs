namespace Kairos.Client.Contracts;

/// <summary>One version of a job with the definition it had, credentials masked as the jobs API masks them.</summary>
/// <param name="JobId">Job id.</param>
/// <param name="Version">The version number.</param>
/// <param name="Kind">created, changed or deleted (a deletion holds the definition that was removed).</param>
/// <param name="ChangedAt">When the change was stored.</param>
/// <param name="ChangedBy">The user, or <c>file:&lt;path&gt;</c>.</param>
/// <param name="Reason">Why; null when not given.</param>
/// <param name="Changed">Field paths that differ from the version before.</param>
/// <param name="Definition">The definition at this version.</param>
public sealed record JobVersionDetailDto(
    string JobId,
    int Version,
    string Kind,
    DateTimeOffset ChangedAt,
    string ChangedBy,
    string? Reason,
    IReadOnlyList<string> Changed,
    JobDefinition Definition);
