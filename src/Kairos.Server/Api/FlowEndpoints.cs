using Kairos.Client.Contracts;
using Kairos.Core.Flows;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Schedules;
using Kairos.Server.Access;
using Kairos.Server.Operations.Flows;
using Kairos.Server.Texts;

namespace Kairos.Server.Api;

/// <summary>Flows (from flow files) and how each stands on a business date.</summary>
internal static class FlowEndpoints
{
    public static void MapFlowEndpoints(this IEndpointRouteBuilder app)
    {
        var flows = app.MapGroup("/api/flows").WithTags("Flows").RequireAuthorization(AccessPolicies.Viewer);
        flows.MapGet("", ListAsync).WithName("ListFlows").Produces<List<FlowDto>>()
            .WithSummary("Every flow the caller may read (all its steps), with the state of its latest flow run");
        flows.MapGet("/{name}/runs/{date}", GetRunAsync).WithName("GetFlowRun").Produces<FlowRunDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One flow on one business date (yyyy-MM-dd): its state, and each step's latest run, start and end, and why it has not started");
        flows.MapPost("/{name}/runs/{date}/rerun", RerunAsync).WithName("RerunFlow")
            .ProducesGatedOutcome<FlowRerunDto>(StatusCodes.Status200OK, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Rerun a flow run from a step: that step now, and every step downstream of it once it succeeds; other branches are left as they are (operator; reason required; gated by flow.rerun or run.rerun)");
    }

    private static async Task<IResult> ListAsync(HttpContext http, FlowRuns runs, IKairosStore store, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Schedule.DefaultZone).DateTime);
        var result = new List<FlowDto>();
        foreach (var flow in runs.List(await MayReadAsync(http, store, ct)))
        {
            var latest = await runs.LatestDateAsync(flow, today.AddDays(1), ct) is { } date ? await runs.JudgeAsync(flow, date, ct) : null;
            result.Add(new FlowDto(flow.Name, flow.Description, flow.OnFailure.ToString().ToLowerInvariant(), Written(flow.FinishBy),
                flow.Schedule?.Cron.ToString(), flow.Schedule?.CalendarId, [.. flow.Steps.Select(s => new FlowStepDefinitionDto(s.Id, [.. s.Upstreams]))],
                latest is null ? null : new FlowRunSummaryDto(BusinessDates.ToText(latest.BusinessDate), latest.State.ToWire())));
        }
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> GetRunAsync(string name, string date, HttpContext http, FlowRuns runs, IKairosStore store, CancellationToken ct)
    {
        if (!BusinessDates.TryParse(date, out var businessDate)) return Problems.Invalid("date", ApiText.Get("Condition.DateInvalid", date));
        if (runs.Find(name, await MayReadAsync(http, store, ct)) is not { } flow) return Problems.NotFound(ApiText.Get("Flow.NotFound", name));
        var status = await runs.JudgeAsync(flow, businessDate, ct);
        var readScope = ReadScope.Of(http);
        return TypedResults.Ok(new FlowRunDto(flow.Name, BusinessDates.ToText(businessDate), status.State.ToWire(), status.StartedAt, status.FinishedAt,
            [.. status.Steps.Select(s => ToDto(s, readScope))]));
    }

    private static async Task<IResult> RerunAsync(string name, string date, FlowRerunRequest? body, HttpContext http, RerunFlowFrom rerun, CancellationToken ct)
    {
        if (!BusinessDates.TryParse(date, out var businessDate)) return Problems.Invalid("date", ApiText.Get("Condition.DateInvalid", date));
        return (await rerun.ExecuteAsync(http.AsActor(), name, businessDate, body?.From, body?.Reason, ct)).ToResult(done =>
            TypedResults.Ok(new FlowRerunDto(done.Flow, BusinessDates.ToText(done.BusinessDate),
                [.. done.Runs.Select(r => new RunCreatedDto(r.RunId, r.JobId, BusinessDates.ToText(r.BusinessDate)))])));
    }

    private static FlowStepRunDto ToDto(FlowStepStatus s, ReadScope scope)
    {
        var run = s.Run?.ToDto(scope);
        var state = s.Run is { } r && (r.StartedAt is not null || r.State.IsFinal()) ? r.State.ToWire() : s.Blocked ? "blocked" : s.Run?.State.ToWire() ?? "pending";
        return new FlowStepRunDto(s.Step.Id, [.. s.Step.Upstreams], state, s.Run?.Id, s.Run?.Attempt, s.Run?.StartedAt, s.Run?.FinishedAt,
            s.Why is { } why ? ReasonText.Render(why) : null, run?.Detail);
    }

    private static async Task<Func<string, bool>> MayReadAsync(HttpContext http, IKairosStore store, CancellationToken ct)
    {
        var readable = await ReadScope.Of(http).ReadableJobIdsAsync(store, ct);
        if (readable is null) return _ => true;
        var ids = readable.ToHashSet(StringComparer.Ordinal);
        return ids.Contains;
    }

    // As a flow file would write it.
    private static string? Written(Core.Dependencies.WaitLimit? finishBy) => finishBy switch
    {
        { At: { } at } => at.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        { For: { } span } => Definitions.Durations.Format(span),
        _ => null,
    };
}
