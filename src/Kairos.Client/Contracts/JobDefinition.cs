namespace Kairos.Client.Contracts;

/// <summary>
/// A job as written in a YAML file or sent to the API; one schema for both. Durations are strings such as
/// <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>. See docs/job-schema.md.
/// </summary>
public sealed class JobDefinition
{
    /// <summary>Unique id: letters, digits, '.', '_' and '-'.</summary>
    public string? Id { get; set; }

    /// <summary>What the job is for, in words.</summary>
    public string? Description { get; set; }

    /// <summary>The team or person responsible.</summary>
    public string? Owner { get; set; }

    /// <summary>Free labels for searching.</summary>
    public List<string>? Tags { get; set; }

    /// <summary>When the job is due; a job without a schedule runs only when triggered.</summary>
    public ScheduleDefinition? Schedule { get; set; }

    /// <summary>A Kafka topic whose messages each trigger one run, with the message available to the action.</summary>
    public TriggerDefinition? Trigger { get; set; }

    /// <summary>What a run does: exactly one of command, http, kafkaPublish, noop.</summary>
    public ActionDefinition? Action { get; set; }

    /// <summary>How long one attempt may take before it is stopped (default 1h).</summary>
    public string? Timeout { get; set; }

    /// <summary>Retries after a failed attempt (default none).</summary>
    public RetryDefinition? Retries { get; set; }

    /// <summary><c>forbid</c> (default), <c>allow</c> or <c>replace</c>.</summary>
    public string? Overlap { get; set; }

    /// <summary>What to do with slots missed while no scheduler ran (default run-once within 10m).</summary>
    public MisfireDefinition? Misfire { get; set; }

    /// <summary>Expectations that send alerts when broken: start within, finish by, run at most.</summary>
    public SlaDefinition? Sla { get; set; }

    /// <summary>Start held: slots are skipped until an operator releases the job.</summary>
    public bool? Held { get; set; }

    /// <summary>
    /// What each run waits for, per business date: runs of other jobs and external conditions. A scheduled job's slots
    /// wait until all hold; a job without a schedule runs once per business date as soon as they do.
    /// </summary>
    public List<AfterDefinition>? After { get; set; }

    /// <summary>
    /// How long a run waits for <c>after</c>: a duration from when it came due (<c>2h</c>) or a time in the job's zone
    /// (<c>07:00</c>); then it is skipped with reason dependency-timeout. Default: it waits until the dependencies hold.
    /// </summary>
    public string? WaitUntil { get; set; }

    /// <summary>The flow this job is a step of; set by the flow file's loader, never written in a job file.</summary>
    public FlowPartDefinition? Flow { get; set; }
}
