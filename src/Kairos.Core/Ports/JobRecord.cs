using Kairos.Core.Jobs;

namespace Kairos.Core.Ports;

/// <summary>
/// A job as stored: its definition (the JSON of the job schema, opaque to the store), where it came from, and the
/// operational state operators change.
/// </summary>
public sealed record JobRecord(
    string Id,
    string DefinitionJson,
    string Source,
    OverlapPolicy Overlap,
    DateTimeOffset UpdatedAt,
    bool Held = false,
    string? HeldBy = null,
    string? HeldReason = null,
    DateTimeOffset? PlannedUntil = null);
