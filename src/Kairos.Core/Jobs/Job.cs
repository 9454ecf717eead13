using Kairos.Core.Schedules;

namespace Kairos.Core.Jobs;

/// <summary>A validated job definition. Operational state (held, runs) lives in the store, not here.</summary>
public sealed record Job(
    string Id,
    Schedule? Schedule,
    JobAction Action,
    TimeSpan Timeout,
    RetryPolicy Retry,
    OverlapPolicy Overlap,
    MisfirePolicy Misfire,
    string? Description = null,
    string? Owner = null,
    IReadOnlyList<string>? Tags = null,
    bool HeldInitially = false,
    Sla? Sla = null);
