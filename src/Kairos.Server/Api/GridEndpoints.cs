using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Schedules;
using Kairos.Server.Access;

namespace Kairos.Server.Api;

/// <summary>Jobs by business date: the one picture that shows what failed when.</summary>
internal static class GridEndpoints
{
    private const int DefaultDays = 30;
    private const int MaxDays = 90;

    public static void MapGridEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/grid", GetAsync).WithTags("Runs").WithName("GetDateGrid").Produces<DateGridDto>().ProducesValidationProblem()
            .RequireAuthorization(AccessPolicies.Viewer)
            .WithSummary($"What each job did on each of the latest business dates: its latest run's state per date (default {DefaultDays} dates until today in Seoul)");

    private static async Task<IResult> GetAsync(int? days, string? until, HttpContext http, IKairosStore store, TimeProvider clock, CancellationToken ct)
    {
        if (days is < 1 or > MaxDays) return Problems.Invalid("days", ApiText.Get("Grid.Days", MaxDays));
        // Business dates are local: the console speaks Seoul time, so "today" is Seoul's.
        var end = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Schedule.DefaultZone).DateTime);
        if (until is not null && !BusinessDates.TryParse(until, out end)) return Problems.Invalid("until", ApiText.Get("Condition.DateInvalid", until));

        var scope = ReadScope.Of(http);
        var jobs = (await store.Jobs.ListAsync(ct)).Where(scope.MayRead).Select(j => j.Id).Order(StringComparer.Ordinal).ToList();
        IReadOnlyCollection<string>? only = scope.IsScoped ? jobs : null;
        var dates = (await store.Runs.RecentBusinessDatesAsync(only, end, days ?? DefaultDays, ct)).Order().ToList();
        var cells = dates.Count == 0 ? [] : await store.Runs.DateCellsAsync(only, dates[0], dates[^1], ct);
        var shown = dates.ToHashSet();
        var byJob = cells.Where(c => shown.Contains(c.BusinessDate)).ToLookup(c => c.JobId, StringComparer.Ordinal);
        return TypedResults.Ok(new DateGridDto(
            [.. dates.Select(BusinessDates.ToText)],
            [.. jobs.Select(job => new DateGridRowDto(job, [.. byJob[job].Select(c =>
                new DateGridCellDto(BusinessDates.ToText(c.BusinessDate), c.LatestRunId, c.LatestState.ToWire(), c.Runs, c.Failed))]))]));
    }
}
