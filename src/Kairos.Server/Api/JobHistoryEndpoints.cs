using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Definitions;
using Kairos.Server.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kairos.Server.Api;

/// <summary>
/// A job's definition history. Whoever may read the job may read its history, and sees each version's definition as
/// they would see the job's: masked for non-admins, hidden (404) outside an owner scope. A deleted job's history
/// belongs to the owner its last version names.
/// </summary>
internal static class JobHistoryEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 999;

    public static void MapJobHistoryEndpoints(this IEndpointRouteBuilder app)
    {
        var job = app.MapGroup("/api/jobs/{id}").WithTags("Jobs").RequireAuthorization(AccessPolicies.Viewer);
        job.MapGet("/versions", ListAsync).WithName("ListJobVersions").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The job's definition versions, newest first (limit: 100 by default, at most 999): when, who, why and which fields changed");
        job.MapGet("/versions/{version:int}", GetAsync).WithName("GetJobVersion").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The job's definition at one version, credentials masked as for the job");
    }

    private static async Task<Results<Ok<List<JobVersionDto>>, ProblemHttpResult>> ListAsync(string id, int? limit, HttpContext http, IKairosStore store, CancellationToken ct)
    {
        var count = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
        // One more than shown: the oldest shown needs the version before it to say what changed.
        var versions = await store.Jobs.VersionsAsync(id, count + 1, ct);
        if (!await MayReadAsync(http, store, id, versions, ct)) return NotFound(id);
        return TypedResults.Ok(versions.Take(count).Select((v, i) => ToDto(v, i + 1 < versions.Count ? versions[i + 1] : null)).ToList());
    }

    private static async Task<Results<Ok<JobVersionDetailDto>, ProblemHttpResult>> GetAsync(string id, int version, HttpContext http, IKairosStore store, CancellationToken ct)
    {
        var newest = await store.Jobs.VersionsAsync(id, 1, ct);
        if (!await MayReadAsync(http, store, id, newest, ct) || await store.Jobs.GetVersionAsync(id, version, ct) is not { } found)
            return NotFound(id, version);
        var before = version > 1 ? await store.Jobs.GetVersionAsync(id, version - 1, ct) : null;
        var dto = ToDto(found, before);
        var definition = found.Definition.ToDefinition();
        return TypedResults.Ok(new JobVersionDetailDto(id, dto.Version, dto.Kind, dto.ChangedAt, dto.ChangedBy, dto.Reason, dto.Changed,
            ReadScope.Of(http).SeesCredentials ? definition : DefinitionRedaction.Redact(definition)));
    }

    // The job's owner now, or for a deleted job the owner of its last version.
    private static async Task<bool> MayReadAsync(HttpContext http, IKairosStore store, string id, IReadOnlyList<JobVersion> newestFirst, CancellationToken ct)
    {
        var scope = ReadScope.Of(http);
        if (await store.Jobs.GetAsync(id, ct) is { } job) return scope.MayRead(job);
        return newestFirst.Count > 0 && scope.MayRead(newestFirst[0].Definition.Owner);
    }

    private static JobVersionDto ToDto(JobVersion v, JobVersion? before) => new(
        v.Version, v.Kind.ToString().ToLowerInvariant(), v.ChangedAt, v.ChangedBy, v.Reason,
        v.Kind == JobChangeKind.Changed && before is not null ? DefinitionDiff.Fields(before.Definition.ToDefinition(), v.Definition.ToDefinition()) : []);

    private static ProblemHttpResult NotFound(string id, int? version = null) =>
        (ProblemHttpResult)Problems.NotFound(version is null ? ApiText.Get("Job.NotFound", id) : ApiText.Get("History.VersionNotFound", id, version));
}
