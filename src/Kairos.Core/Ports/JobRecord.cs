using Kairos.Core.Jobs;

namespace Kairos.Core.Ports;

/// <summary>
/// A job as stored: its definition, where it came from, and the operational state operators change. How the
/// definition is laid out in the database is the store's business (see docs/storage.md).
/// </summary>
public sealed record JobRecord(
    string Id,
    JobSpec Definition,
    string Source,
    OverlapPolicy Overlap,
    DateTimeOffset UpdatedAt,
    bool Held = false,
    string? HeldBy = null,
    string? HeldReason = null,
    DateTimeOffset? PlannedUntil = null);
