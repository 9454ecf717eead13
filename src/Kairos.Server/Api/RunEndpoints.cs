using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Secrets;
using Kairos.Server.Access;

namespace Kairos.Server.Api;

internal static partial class RunEndpoints
{
    public static void MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").WithTags("Runs").RequireAuthorization(AccessPolicies.Viewer);
        runs.MapGet("/", ListAsync).WithName("ListRuns").Produces<List<RunDto>>().ProducesValidationProblem().WithSummary("Runs, newest first; filter by job and state, page with before");
        runs.MapGet("/{id:long}", GetAsync).WithName("GetRun").Produces<RunDto>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One run");
        runs.MapGet("/{id:long}/events", EventsAsync).WithName("ListRunEvents").Produces<List<RunEventDto>>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Every state change of a run");
        runs.MapGet("/{id:long}/message", MessageAsync).WithName("GetRunMessage").Produces<TriggerMessageDto>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The Kafka message an event-triggered run was created for");
        runs.MapGet("/{id:long}/logs", LogsAsync).WithName("GetRunLogs").Produces<List<LogLineDto>>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A run's output, readable while it runs");
        app.MapRunOperations(runs);
    }

    private static async Task<IResult> ListAsync(HttpContext http, IKairosStore store, string? job, string? state, long? before, int? limit, CancellationToken ct)
    {
        RunState? parsed = null;
        if (state is not null)
        {
            try { parsed = RunStates.FromWire(state); }
            catch (FormatException) { return Problems.Invalid("state", ApiText.Get("Run.StateInvalid", state, string.Join(", ", Enum.GetValues<RunState>().Select(s => s.ToWire())))); }
        }
        if (limit is < 1 or > 1000) return Problems.Invalid("limit", ApiText.Get("Run.LimitRange"));
        var scope = ReadScope.Of(http);
        var readable = await scope.ReadableJobIdsAsync(store, ct);
        // An empty list is answered here: an empty IN () is not SQL every store accepts.
        if (readable is { Count: 0 }) return TypedResults.Ok(new List<RunDto>());
        var runs = await store.Runs.ListAsync(new RunQuery(job, parsed, before, limit ?? 50, readable), ct);
        return TypedResults.Ok(runs.Select(r => r.ToDto(scope)).ToList());
    }

    /// <summary>The run, or null when it does not exist or belongs to a job the caller may not read.</summary>
    private static async Task<Run?> ReadableRunAsync(long id, HttpContext http, IKairosStore store, CancellationToken ct) =>
        await store.Runs.GetAsync(id, ct) is { } run && await ReadScope.Of(http).MayReadJobAsync(run.JobId, store, ct) ? run : null;

    private static async Task<IResult> GetAsync(long id, HttpContext http, IKairosStore store, CancellationToken ct) =>
        await ReadableRunAsync(id, http, store, ct) is { } run ? TypedResults.Ok(run.ToDto(ReadScope.Of(http))) : Problems.NotFound(ApiText.Get("Run.NotFound", id));

    private static async Task<IResult> EventsAsync(long id, HttpContext http, IKairosStore store, CancellationToken ct)
    {
        if (await ReadableRunAsync(id, http, store, ct) is null) return Problems.NotFound(ApiText.Get("Run.NotFound", id));
        var scope = ReadScope.Of(http);
        return TypedResults.Ok((await store.Runs.EventsAsync(id, ct)).Select(e => e.ToDto(scope)).ToList());
    }

    private static async Task<IResult> MessageAsync(long id, HttpContext http, IKairosStore store, CancellationToken ct)
    {
        if (await ReadableRunAsync(id, http, store, ct) is null) return Problems.NotFound(ApiText.Get("Run.NotFound", id));
        return await store.Runs.TriggerMessageAsync(id, ct) is { } m
            ? TypedResults.Ok(new TriggerMessageDto(m.Id, m.Topic, m.Partition, m.Offset, m.Key, m.Value, Headers(m.HeadersByName(), ReadScope.Of(http)), m.Timestamp))
            : Problems.NotFound(ApiText.Get("Run.NoMessage", id));
    }

    // A message's headers may carry a partner's credentials; its value is business data and is shown as received.
    private static IReadOnlyDictionary<string, string> Headers(IReadOnlyDictionary<string, string> headers, ReadScope scope) =>
        scope.SeesCredentials ? headers : headers.ToDictionary(h => h.Key, h => SensitiveNames.IsSensitiveHeader(h.Key) ? Redaction.Value(h.Value) : h.Value);

    private static async Task<IResult> LogsAsync(long id, HttpContext http, IKairosStore store, long? after, int? limit, CancellationToken ct)
    {
        if (await ReadableRunAsync(id, http, store, ct) is null) return Problems.NotFound(ApiText.Get("Run.NotFound", id));
        var lines = await store.Logs.ReadAsync(id, after ?? 0, limit ?? 1000, ct);
        var scope = ReadScope.Of(http);
        return TypedResults.Ok(lines.Select(l => l.ToDto(scope)).ToList());
    }
}
