using Kairos.Core.Dependencies;
using Kairos.Core.Flows;
using Kairos.Core.Schedules;
using Kairos.Core.Triggers;

namespace Kairos.Core.Jobs;

/// <summary>
/// A validated job definition. Operational state (held, runs) lives in the store, not here. A job runs on its
/// <see cref="Schedule"/>'s slots, once per message its <see cref="Trigger"/> matches, when an operator asks, or any of these.
/// With <see cref="After"/>, its slots wait until the dependencies hold for their business date; without a schedule, it
/// runs once per business date as soon as they hold. A step of a <see cref="Flow"/> is a job like any other; its flow's
/// schedule is written into its roots.
/// </summary>
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
    Sla? Sla = null,
    EventTrigger? Trigger = null,
    IReadOnlyList<Dependency>? After = null,
    WaitLimit? WaitUntil = null,
    FlowPart? Flow = null)
{
    public bool HasDependencies => After is { Count: > 0 };
}
