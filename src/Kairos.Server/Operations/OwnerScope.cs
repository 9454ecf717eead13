using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Definitions;
using Kairos.Scheduling;
using Kairos.Server.Access;

namespace Kairos.Server.Operations;

/// <summary>
/// Which jobs an actor may act on (their owner scope covers the job's owner) and, with owner-scoped reads, which they
/// may know of at all. Admins read everything; an actor without owners acts on every job.
/// </summary>
internal sealed class OwnerScope(AccessOptions options, JobCatalog catalog)
{
    public bool IsScoped(Actor actor) => options.OwnerScopedReads && actor.Caller is { Owners.Count: > 0 } && !actor.IsAtLeast(Role.Admin);

    public bool MayRead(Actor actor, JobRecord? job) => job is not null && (!IsScoped(actor) || actor.Caller!.MayActOn(OwnerOf(job)));

    public async Task<bool> MayReadJobAsync(Actor actor, string jobId, IKairosStore store, CancellationToken ct) =>
        !IsScoped(actor) || MayRead(actor, await store.Jobs.GetAsync(jobId, ct));

    /// <summary>Null when the actor may act on the job; otherwise a 403, or a 404 when reads are owner-scoped.</summary>
    public Refusal? ActRefusal(Actor actor, string jobId)
    {
        var owner = catalog.Find(jobId)?.Owner;
        if (actor.Caller is not { } caller || caller.MayActOn(owner)) return null;
        // With owner-scoped reads, another team's job is not the caller's to know about, even by a refusal.
        return IsScoped(actor) ? Refusal.NotFound(ApiText.Get("Job.NotFound", jobId))
            : Refusal.Forbidden(ApiText.Get("Access.OwnerScope", jobId, owner ?? "-", string.Join(", ", caller.Owners)));
    }

    /// <summary>Whether the actor's owner scope covers a job by its loaded definition.</summary>
    public bool Covers(Actor actor, string jobId) => actor.Caller?.MayActOn(catalog.Find(jobId)?.Owner) == true;

    // The stored definition is the truth: a job whose file no longer loads keeps the owner it was stored with.
    public static string? OwnerOf(JobRecord job) => job.Definition.Owner;
}
