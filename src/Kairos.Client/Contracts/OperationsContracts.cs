namespace Kairos.Client.Contracts;

/// <summary>Backfill a job for past business dates: without <paramref name="Confirm"/> the answer is only the preview.</summary>
/// <param name="From">First business date, yyyy-MM-dd.</param>
/// <param name="To">Last business date, yyyy-MM-dd (inclusive).</param>
/// <param name="Reason">Why, recorded in the audit log; required to confirm.</param>
/// <param name="Confirm">True to create the runs the preview shows.</param>
public sealed record BackfillRequest(string? From = null, string? To = null, string? Reason = null, bool Confirm = false);

/// <summary>One slot of a backfill.</summary>
/// <param name="SlotTime">The slot's instant, UTC.</param>
/// <param name="SlotLocal">The slot in the job's zone, with the zone named.</param>
/// <param name="BusinessDate">The business date the run is for.</param>
/// <param name="ExistingRunId">The slot's own run, when it has one.</param>
/// <param name="ExistingState">That run's state.</param>
/// <param name="WillRun">False when the slot already succeeded: a backfill does not repeat a success.</param>
public sealed record BackfillSlotDto(DateTimeOffset SlotTime, string SlotLocal, string BusinessDate, long? ExistingRunId, string? ExistingState, bool WillRun);

/// <summary>A backfill's preview, or what it created.</summary>
/// <param name="JobId">The job.</param>
/// <param name="From">First business date.</param>
/// <param name="To">Last business date.</param>
/// <param name="Confirmed">False: a preview, nothing was created.</param>
/// <param name="Slots">Every slot of the schedule with a business date in the range.</param>
/// <param name="CreatedRunIds">The runs created, in business-date order (empty for a preview).</param>
public sealed record BackfillDto(string JobId, string From, string To, bool Confirmed, IReadOnlyList<BackfillSlotDto> Slots, IReadOnlyList<long> CreatedRunIds);

/// <summary>An action waiting for, or decided by, a second person (four eyes).</summary>
/// <param name="Id">Approval id.</param>
/// <param name="Action">The action, such as <c>run.mark-succeeded</c>, <c>job.backfill</c>, <c>calendar.override</c>.</param>
/// <param name="Target">What it acts on, such as <c>run:42</c>.</param>
/// <param name="Summary">What will happen, in words.</param>
/// <param name="RequestedBy">Who asked.</param>
/// <param name="Reason">Why they asked.</param>
/// <param name="RequestedAt">When.</param>
/// <param name="State">pending, approved, rejected or expired.</param>
/// <param name="DecidedBy">Who approved or rejected it.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="DecisionReason">Their reason.</param>
/// <param name="Outcome">What happened when it was carried out.</param>
public sealed record ApprovalDto(long Id, string Action, string Target, string Summary, string RequestedBy, string? Reason, DateTimeOffset RequestedAt,
    string State, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionReason, string? Outcome);

/// <summary>An alert sent (or being sent) about a run.</summary>
/// <param name="Id">Alert id.</param>
/// <param name="RunId">The run.</param>
/// <param name="JobId">Its job.</param>
/// <param name="Kind">failed, late-start, late-finish, long-running or dependency-timeout.</param>
/// <param name="Webhook">The configured webhook's name.</param>
/// <param name="Message">What it said.</param>
/// <param name="CreatedAt">When it was raised.</param>
/// <param name="Delivery">sending, sent or failed.</param>
/// <param name="Error">Why delivery failed.</param>
/// <param name="DeliveredAt">When delivery ended.</param>
public sealed record AlertDto(long Id, long RunId, string JobId, string Kind, string Webhook, string Message, DateTimeOffset CreatedAt,
    string Delivery, string? Error, DateTimeOffset? DeliveredAt);

/// <summary>The answer to an action that may need a second person: its result, or the approval it now waits for.</summary>
/// <typeparam name="T">The action's result.</typeparam>
/// <param name="Result">The result, when the action was carried out.</param>
/// <param name="Approval">The approval, when it waits for one.</param>
public sealed record Gated<T>(T? Result, ApprovalDto? Approval) where T : class;
