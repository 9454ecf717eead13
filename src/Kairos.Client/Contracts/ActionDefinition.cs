namespace Kairos.Client.Contracts;

/// <summary>Exactly one of the members is set.</summary>
public sealed class ActionDefinition
{
    /// <summary>Start a process.</summary>
    public CommandDefinition? Command { get; set; }

    /// <summary>Call an HTTP endpoint.</summary>
    public HttpDefinition? Http { get; set; }

    /// <summary>Publish messages to a Kafka topic, paced per partner.</summary>
    public KafkaPublishDefinition? KafkaPublish { get; set; }

    /// <summary>Do nothing and succeed (for testing schedules).</summary>
    public bool? Noop { get; set; }

    /// <summary>Set an external condition for the run's business date (with a trigger: when a message arrives).</summary>
    public SetConditionDefinition? SetCondition { get; set; }
}

/// <summary>The condition a run sets for its business date; steps with <c>after: [{ condition: NAME }]</c> wait for it.</summary>
public sealed class SetConditionDefinition
{
    /// <summary>Lower-case letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, such as <c>core-eod-file</c>.</summary>
    public string? Name { get; set; }
}

/// <summary>
/// Messages to a Kafka topic: one per element of <see cref="Over"/> or <see cref="Items"/> expanded from
/// <see cref="Template"/> (one message when neither is given), or one per JSON line of <see cref="FromCommand"/>'s output.
/// Templates may use {{runId}}, {{jobId}}, {{slotTime}}, {{businessDate}}, {{attempt}}, {{item}} and {{item.field}}.
/// </summary>
public sealed class KafkaPublishDefinition
{
    /// <summary>The topic to publish to.</summary>
    public string? Topic { get; set; }

    /// <summary>The named destination whose pace (rate, in flight) the messages keep, from Kairos:Kafka:Partners.</summary>
    public string? Partner { get; set; }

    /// <summary>The message value template.</summary>
    public string? Template { get; set; }

    /// <summary>Scalar elements, each {{item}} in the template.</summary>
    public List<string>? Over { get; set; }

    /// <summary>Elements with fields, each {{item.field}} in the template.</summary>
    public List<Dictionary<string, string>>? Items { get; set; }

    /// <summary>A command whose standard output is JSON lines: {"value": ..., "key": "...", "headers": {...}}.</summary>
    public CommandDefinition? FromCommand { get; set; }

    /// <summary>The message key template (messages with the same key keep their order).</summary>
    public string? Key { get; set; }

    /// <summary>Extra headers on every message (templates allowed).</summary>
    public Dictionary<string, string>? Headers { get; set; }
}

/// <summary>
/// A process started from an argument vector, never through a shell unless <see cref="Shell"/> is true.
/// Its environment adds KAIROS_RUN_ID, KAIROS_JOB_ID, KAIROS_SLOT_TIME, KAIROS_BUSINESS_DATE and KAIROS_ATTEMPT.
/// </summary>
public sealed class CommandDefinition
{
    /// <summary>Program and arguments.</summary>
    public List<string>? Argv { get; set; }

    /// <summary>Working folder; relative paths are from the job file's folder.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Extra environment variables.</summary>
    public Dictionary<string, string>? Env { get; set; }

    /// <summary>Run argv[0] as a /bin/sh -c script.</summary>
    public bool? Shell { get; set; }

    /// <summary>Time between SIGTERM and SIGKILL on timeout or kill (default 10s).</summary>
    public string? KillGrace { get; set; }
}

/// <summary>An HTTP call. The body may use {{runId}}, {{jobId}}, {{slotTime}}, {{businessDate}}, {{attempt}}.</summary>
public sealed class HttpDefinition
{
    /// <summary>GET, POST, PUT, PATCH or DELETE (default GET).</summary>
    public string? Method { get; set; }

    /// <summary>Absolute http or https URL.</summary>
    public string? Url { get; set; }

    /// <summary>Request headers.</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>Request body template.</summary>
    public string? Body { get; set; }

    /// <summary>Status codes that count as success; any 2xx when empty.</summary>
    public List<int>? SuccessStatus { get; set; }
}

/// <summary>Retry a failed attempt <see cref="Count"/> times, waiting backoff × 2^(n-1) up to maxBackoff.</summary>
public sealed class RetryDefinition
{
    /// <summary>Number of retries (0-100).</summary>
    public int? Count { get; set; }

    /// <summary>First wait (default 10s).</summary>
    public string? Backoff { get; set; }

    /// <summary>Longest wait (default 10m).</summary>
    public string? MaxBackoff { get; set; }
}

/// <summary>Misfire handling.</summary>
public sealed class MisfireDefinition
{
    /// <summary><c>skip</c>, <c>run-once</c> (default) or <c>run-all</c>.</summary>
    public string? Policy { get; set; }

    /// <summary>How old a missed slot may be and still run (default 10m).</summary>
    public string? CatchupWindow { get; set; }
}

/// <summary>What is expected of a job's runs; breaking it sends an alert, it never stops a run.</summary>
public sealed class SlaDefinition
{
    /// <summary>A run must start within this long after its slot, such as <c>60s</c>.</summary>
    public string? StartWithin { get; set; }

    /// <summary>A run must finish by this local time (HH:mm, in the schedule's zone) on the day it was due.</summary>
    public string? FinishBy { get; set; }

    /// <summary>A run that has been running longer than this is reported, such as <c>30m</c>.</summary>
    public string? MaxDuration { get; set; }
}
