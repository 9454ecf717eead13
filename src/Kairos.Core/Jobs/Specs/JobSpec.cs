namespace Kairos.Core.Jobs;

/// <summary>
/// A job's definition as its author wrote it (durations and zones still text), the form the store keeps and history
/// shows. It is neither the API contract nor the YAML schema: both map to it, and the store maps it to its own
/// versioned document, so each can change without the others. <see cref="Job"/> is what validation makes of it.
/// Collections compare by reference; compare two specs by a serialized form.
/// </summary>
public sealed record JobSpec
{
    public required string Id { get; init; }

    public string? Description { get; init; }

    public string? Owner { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public ScheduleSpec? Schedule { get; init; }

    public TriggerSpec? Trigger { get; init; }

    public ActionSpec? Action { get; init; }

    public string? Timeout { get; init; }

    public RetrySpec? Retries { get; init; }

    public string? Overlap { get; init; }

    public MisfireSpec? Misfire { get; init; }

    public SlaSpec? Sla { get; init; }

    public bool? Held { get; init; }

    public IReadOnlyList<AfterSpec>? After { get; init; }

    public string? WaitUntil { get; init; }

    public FlowPartSpec? Flow { get; init; }
}
