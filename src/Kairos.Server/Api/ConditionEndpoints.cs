using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Server.Access;
using Kairos.Server.Operations;
using Kairos.Server.Operations.Conditions;

namespace Kairos.Server.Api;

/// <summary>External conditions by business date: what dependent steps wait for besides other jobs.</summary>
internal static class ConditionEndpoints
{
    // A month either side is what an operator looks at; the list is bounded so one request cannot read the whole table.
    private const int MaxRangeDays = 366;

    public static void MapConditionEndpoints(this IEndpointRouteBuilder app)
    {
        var conditions = app.MapGroup("/api/conditions").WithTags("Conditions");
        conditions.MapGet("/", ListAsync).WithName("ListConditions").Produces<List<ConditionDto>>().ProducesValidationProblem()
            .RequireAuthorization(AccessPolicies.Viewer).WithSummary("Conditions set for business dates from..to (default: the last 7 days to tomorrow, UTC)");
        conditions.MapPut("/{name}/{date}", SetAsync).WithName("SetCondition").Produces<ConditionDto>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Set a condition for a business date; waiting steps that need it start (operator; reason required)");
        conditions.MapDelete("/{name}/{date}", RemoveAsync).WithName("RemoveCondition").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(AccessPolicies.Operator)
            .WithSummary("Remove a condition; steps it already released are not called back (operator; reason required)");
    }

    private static async Task<IResult> ListAsync(string? from, string? to, IKairosStore store, TimeProvider clock, CancellationToken ct)
    {
        // Business dates are local dates: east of UTC (Seoul) today's date is already tomorrow's in UTC for part of the day.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (start, end) = (today.AddDays(-7), today.AddDays(1));
        if (from is not null && !BusinessDates.TryParse(from, out start)) return Problems.Invalid("from", ApiText.Get("Condition.DateInvalid", from));
        if (to is not null && !BusinessDates.TryParse(to, out end)) return Problems.Invalid("to", ApiText.Get("Condition.DateInvalid", to));
        if (to is null && from is not null && start > end) end = start;
        if (end < start || end.DayNumber - start.DayNumber > MaxRangeDays) return Problems.Invalid("to", ApiText.Get("Condition.Range", MaxRangeDays));
        var list = await store.Conditions.ListAsync(start, end, ct);
        return TypedResults.Ok(list.Select(c => c.ToDto()).ToList());
    }

    private static async Task<IResult> SetAsync(string name, string date, ActionRequest? body, HttpContext http, ConditionChange change, CancellationToken ct)
    {
        var outcome = await change.SetAsync(http.AsActor(), name, date, body?.Reason, ct);
        return outcome.ToResult(c => TypedResults.Ok(c.ToDto(created: outcome.Note == "set")));
    }

    private static async Task<IResult> RemoveAsync(string name, string date, string? reason, HttpContext http, ConditionChange change, CancellationToken ct) =>
        (await change.RemoveAsync(http.AsActor(), name, date, reason, ct)).ToResult(_ => TypedResults.NoContent());

    public static ConditionDto ToDto(this ConditionRecord c, bool? created = null) =>
        new(c.Name, BusinessDates.ToText(c.BusinessDate), c.SetAt, c.SetBy, c.Reason, created);
}
