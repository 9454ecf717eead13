using Kairos.Core.Jobs;

namespace Kairos.Core.Ports;

/// <summary>
/// One version of a job's definition: numbered from 1 per job id, never reused (a job deleted and created again goes
/// on counting). A deletion is a version too, holding the definition that was removed.
/// </summary>
public sealed record JobVersion(
    string JobId,
    int Version,
    JobChangeKind Kind,
    JobSpec Definition,
    DateTimeOffset ChangedAt,
    string ChangedBy,
    string? Reason);
