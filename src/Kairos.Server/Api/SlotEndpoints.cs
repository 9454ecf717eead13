using Kairos.Client.Contracts;
using Kairos.Core.Runs;
using Kairos.Core.Slots;
using Kairos.Scheduling;
using Kairos.Server.Access;

namespace Kairos.Server.Api;

/// <summary>What runs next across every job: the console's "coming up" list.</summary>
internal static class SlotEndpoints
{
    public static void MapSlotEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/slots", (HttpContext http, JobCatalog catalog, TimeProvider clock, int? limit) =>
            {
                var scope = ReadScope.Of(http);
                if (limit is < 1 or > 500) return Problems.Invalid("limit", ApiText.Get("Run.LimitRange"));
                var now = clock.GetUtcNow();
                var count = limit ?? 20;
                var slots = catalog.Jobs
                    .Where(j => j.Schedule is not null && scope.MayRead(j.Owner))
                    .SelectMany(job =>
                    {
                        var schedule = job.Schedule!;
                        var calendar = schedule.CalendarId is { } id ? catalog.Calendars.Find(id) : null;
                        return SlotPlanner.Next(job, calendar, now, count).Where(s => s.Runs).Select(s =>
                        {
                            var local = TimeZoneInfo.ConvertTime(s.Key.SlotTime, schedule.Zone);
                            return new UpcomingSlotDto(job.Id, s.Key.SlotTime, $"{local:yyyy-MM-dd HH:mm:ss} {schedule.Zone.Id} ({local:zzz})", BusinessDates.ToText(s.BusinessDate));
                        });
                    })
                    .OrderBy(s => s.SlotTime).ThenBy(s => s.JobId, StringComparer.Ordinal)
                    .Take(count)
                    .ToList();
                return TypedResults.Ok(slots);
            })
            .WithName("ListUpcomingSlots").Produces<List<UpcomingSlotDto>>().ProducesValidationProblem().WithTags("Jobs").RequireAuthorization(AccessPolicies.Viewer).WithSummary("The next slots that will run, across every job, soonest first");
}
