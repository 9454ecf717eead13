using System.Text.Json;
using Kairos.Core.Access;

namespace Kairos.Server.Operations;

/// <summary>The job an approval acts on; <see cref="Vanished"/> when it acted on a run that no longer exists.</summary>
internal readonly record struct JobOfPayload(string? JobId, bool Vanished = false)
{
    public static readonly JobOfPayload None = new(null);
}

/// <summary>An operation a second person can be asked to approve, as an approval sees it: by name and stored payload.</summary>
internal interface IGatedOperation
{
    /// <summary>The action's name in <c>Kairos:Approvals:Require</c> and in the audit log.</summary>
    string Name { get; }

    /// <summary>The role needed to ask for it, and to approve or reject someone else's request.</summary>
    Role Role { get; }

    /// <summary>The job a stored payload acts on, so the owner scope of whoever decides can be checked; none for calendars.</summary>
    Task<JobOfPayload> JobOfAsync(string payload, CancellationToken ct);

    /// <summary>Carries out a stored request: <paramref name="approver"/> carries out what <paramref name="requestedBy"/> asked for.</summary>
    Task<Outcome<object?>> CarryOutApprovedAsync(Actor approver, string payload, string requestedBy, CancellationToken ct);
}

/// <summary>
/// The one way a gateable operation happens: the operation validates its request, then asks here. When the configuration
/// says the action needs a second person, it is stored as a pending approval with its exact payload; otherwise, and
/// when someone else approves it later, <see cref="CarryOutAsync"/> does it, checking scope again at that moment.
/// </summary>
internal abstract class GatedOperation<TPayload, TResult>(FourEyes fourEyes) : IGatedOperation
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public abstract string Name { get; }

    public virtual Role Role => Role.Operator;

    protected virtual Task<JobOfPayload> JobOfAsync(TPayload payload, CancellationToken ct) => Task.FromResult(JobOfPayload.None);

    /// <summary><paramref name="requestedBy"/> asked for it; <paramref name="actor"/> carries it out (the same person, or the approver).</summary>
    protected abstract Task<Outcome<TResult>> CarryOutAsync(Actor actor, TPayload payload, string requestedBy, CancellationToken ct);

    protected Refusal? RoleRefusal(Actor actor) => Refusal.RoleNeeded(actor, Role);

    /// <summary>
    /// Carries the operation out now, or stores it for approval when its name or any of <paramref name="alsoGatedBy"/>
    /// is configured to need a second person (a past-date trigger is gated as a backfill).
    /// </summary>
    protected async Task<Outcome<TResult>> RunOrRequestAsync(Actor actor, string target, string summary, string? reason, TPayload payload, CancellationToken ct, params string[] alsoGatedBy)
    {
        if (!fourEyes.Requires(Name) && !alsoGatedBy.Any(fourEyes.Requires)) return await CarryOutAsync(actor, payload, actor.Name, ct).ConfigureAwait(false);
        var approval = await fourEyes.RequestAsync(actor, Name, target, summary, reason, JsonSerializer.Serialize(payload, Json), ct).ConfigureAwait(false);
        return Outcome<TResult>.AwaitingApproval(approval);
    }

    Task<JobOfPayload> IGatedOperation.JobOfAsync(string payload, CancellationToken ct) => JobOfAsync(Read(payload), ct);

    async Task<Outcome<object?>> IGatedOperation.CarryOutApprovedAsync(Actor approver, string payload, string requestedBy, CancellationToken ct) =>
        (await CarryOutAsync(approver, Read(payload), requestedBy, ct).ConfigureAwait(false)).Map<object?>(v => v);

    private static TPayload Read(string payload) => JsonSerializer.Deserialize<TPayload>(payload, Json)!;
}
