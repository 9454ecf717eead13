namespace Kairos.Client.Contracts;

/// <summary>A flow: steps that run as one DAG per business date, the roots on the flow's schedule.</summary>
/// <param name="Name">The flow's name.</param>
/// <param name="Description">What the flow is for.</param>
/// <param name="OnFailure"><c>stop</c>: once a step fails no step of that flow run starts; <c>continue</c>: independent branches go on.</param>
/// <param name="FinishBy">When a flow run must have finished, as written (<c>07:00</c>, <c>6h</c>), or null.</param>
/// <param name="Cron">The schedule of the roots, or null for a flow run only when triggered.</param>
/// <param name="Calendar">The schedule's calendar, or null.</param>
/// <param name="Steps">The steps in the flow file's order, each with the steps it runs after.</param>
/// <param name="Latest">The flow run of the latest business date any step ran for, or null before the first.</param>
public sealed record FlowDto(string Name, string? Description, string OnFailure, string? FinishBy, string? Cron, string? Calendar,
    List<FlowStepDefinitionDto> Steps, FlowRunSummaryDto? Latest);

/// <param name="Id">The step's job id.</param>
/// <param name="After">The steps of the same flow it runs after on the same business date.</param>
public sealed record FlowStepDefinitionDto(string Id, List<string> After);

/// <param name="BusinessDate">yyyy-MM-dd.</param>
/// <param name="State"><c>pending</c>, <c>waiting</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c> or <c>held</c>.</param>
public sealed record FlowRunSummaryDto(string BusinessDate, string State);

/// <summary>A flow on one business date: one state for the whole, and each step's latest run.</summary>
/// <param name="Flow">The flow's name.</param>
/// <param name="BusinessDate">yyyy-MM-dd.</param>
/// <param name="State"><c>pending</c> (no step has a run yet), <c>waiting</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c> or <c>held</c>.</param>
/// <param name="StartedAt">When its first step began.</param>
/// <param name="FinishedAt">When its last step ended, once the flow run has ended.</param>
/// <param name="Steps">In the flow file's order.</param>
public sealed record FlowRunDto(string Flow, string BusinessDate, string State, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, List<FlowStepRunDto> Steps);

/// <param name="Id">The step's job id.</param>
/// <param name="After">The steps of the same flow it runs after.</param>
/// <param name="State">Its latest run's state, or <c>pending</c> (no run yet) or <c>blocked</c> (no run and it cannot start until an operator acts).</param>
/// <param name="RunId">Its latest run for the date, or null.</param>
/// <param name="Attempt">That run's attempt, or null.</param>
/// <param name="StartedAt">When that run began, or null.</param>
/// <param name="FinishedAt">When that run ended, or null.</param>
/// <param name="Why">Why it has not started: the flow's reason (waiting for steps, blocked, stopped) or its run's waiting reason.</param>
/// <param name="Detail">Its run's detail (exit code, error, waiting reason), or null.</param>
public sealed record FlowStepRunDto(string Id, List<string> After, string State, long? RunId, int? Attempt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    string? Why, string? Detail);

/// <summary>Rerun a flow run from a step.</summary>
/// <param name="From">The step to rerun; the steps downstream of it follow.</param>
/// <param name="Reason">Why, for the audit log (required).</param>
public sealed record FlowRerunRequest(string? From, string? Reason);

/// <param name="Flow">The flow.</param>
/// <param name="BusinessDate">yyyy-MM-dd.</param>
/// <param name="Runs">The step's new run (queued) first, then the waiting runs of the steps downstream of it that had ended.</param>
public sealed record FlowRerunDto(string Flow, string BusinessDate, List<RunCreatedDto> Runs);
