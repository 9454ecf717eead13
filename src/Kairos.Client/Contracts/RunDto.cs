namespace Kairos.Client.Contracts;

/// <summary>A run. States: scheduled, queued, running, succeeded, failed, timed-out, killed, skipped.</summary>
/// <param name="Id">Run id.</param>
/// <param name="JobId">Its job.</param>
/// <param name="SlotTime">The slot it is for (time triggers only), UTC.</param>
/// <param name="Trigger">time, manual or event.</param>
/// <param name="BusinessDate">The business date the run is for.</param>
/// <param name="State">Current state.</param>
/// <param name="SkipReason">held, not-business-day, overlap or missed, when skipped.</param>
/// <param name="Detail">Why it is in this state, in words.</param>
/// <param name="Attempt">Attempts so far.</param>
/// <param name="DueAt">When it is or was due.</param>
/// <param name="StartedAt">When the current attempt started.</param>
/// <param name="FinishedAt">When it reached a final state.</param>
/// <param name="ExitCode">The command's exit code.</param>
/// <param name="HttpStatus">The http action's status.</param>
/// <param name="Node">The node that runs or ran it.</param>
/// <param name="RerunOf">The run this one reruns.</param>
/// <param name="RequestedBy">The operator who asked for it (manual runs).</param>
/// <param name="LatenessMs">Started minus slot time, in milliseconds.</param>
public sealed record RunDto(
    long Id,
    string JobId,
    DateTimeOffset? SlotTime,
    string Trigger,
    string? BusinessDate,
    string State,
    string? SkipReason,
    string? Detail,
    int Attempt,
    DateTimeOffset DueAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    int? HttpStatus,
    string? Node,
    long? RerunOf,
    string? RequestedBy,
    double? LatenessMs);

/// <summary>One state change of a run.</summary>
public sealed record RunEventDto(DateTimeOffset At, string? From, string To, int Attempt, string? Detail);

/// <summary>One line of a run's output. Stream: stdout, stderr or system.</summary>
public sealed record LogLineDto(long Seq, int Attempt, string Stream, DateTimeOffset At, string Text);

/// <summary>The Kafka message an event-triggered run was created for.</summary>
/// <param name="Id">What the run is unique by for its job: the correlation-id header, or topic/partition/offset.</param>
/// <param name="Topic">Where it was read.</param>
/// <param name="Partition">Its partition.</param>
/// <param name="Offset">Its offset.</param>
/// <param name="Key">Its key, when it has one.</param>
/// <param name="Value">Its value, as UTF-8 text.</param>
/// <param name="Headers">Its headers by name (the last value of a repeated header).</param>
/// <param name="Timestamp">Its Kafka timestamp.</param>
public sealed record TriggerMessageDto(
    string Id, string Topic, int Partition, long Offset, string? Key, string Value, IReadOnlyDictionary<string, string> Headers, DateTimeOffset Timestamp);
