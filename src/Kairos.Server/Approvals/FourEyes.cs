using System.Text.Json;
using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Server.Api;

namespace Kairos.Server.Approvals;

/// <summary>What carrying out an action produced: the answer to send, and a line for the approval's outcome.</summary>
internal sealed record GatedResult(IResult Response, bool Done, string Outcome);

/// <summary>
/// Carries out a validated action. <paramref name="requestedBy"/> is who asked for it; the caller of <paramref name="http"/>
/// is who carries it out (the same person, or the approver).
/// </summary>
internal delegate Task<GatedResult> GatedExecution(HttpContext http, string payload, string requestedBy, CancellationToken ct);

/// <summary>
/// The one way a gateable action happens: endpoints validate the request, then hand it here. When the configuration
/// says the action needs a second person, it is stored as a pending approval with its exact payload and the caller gets
/// 202; otherwise, and when someone else approves it later, the registered execution carries it out.
/// </summary>
internal sealed class FourEyes(ApprovalOptions options, IKairosStore store, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, (string Policy, GatedExecution Execute)> _actions = new(StringComparer.Ordinal);

    public TimeSpan Expiry => options.Expiry;

    /// <summary>Called once per action while endpoints are mapped.</summary>
    public void Register(string action, string policy, GatedExecution execute) => _actions[action] = (policy, execute);

    public bool Requires(string action) => options.Require.Contains(action, StringComparer.Ordinal);

    public (string Policy, GatedExecution Execute)? Find(string action) => _actions.TryGetValue(action, out var found) ? found : null;

    public async Task<IResult> RunOrRequestAsync<T>(HttpContext http, string action, string target, string summary, string? reason, T payload, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(payload, Json);
        var (_, execute) = _actions[action];
        if (!Requires(action)) return (await execute(http, json, http.Actor(), ct).ConfigureAwait(false)).Response;
        var approval = new ApprovalRecord(0, action, target, json, summary, http.Actor(), reason, clock.GetUtcNow());
        var id = await store.Approvals.AddAsync(approval, ct).ConfigureAwait(false);
        await http.AuditAsync("approval.request", $"approval:{id}", reason, $"{action} {target}: {summary}").ConfigureAwait(false);
        return TypedResults.Accepted($"/api/approvals/{id}", ToDto(approval with { Id = id }));
    }

    /// <summary>Who an action is credited to: the requester, and the approver when it is someone else.</summary>
    public static string CarriedOutBy(HttpContext http, string requestedBy) =>
        http.Actor() == requestedBy ? requestedBy : $"{requestedBy}, approved by {http.Actor()}";

    public static T Read<T>(string payload) => JsonSerializer.Deserialize<T>(payload, Json)!;

    public static ApprovalDto ToDto(ApprovalRecord a) => new(a.Id, a.Action, a.Target, a.Summary, a.RequestedBy, a.Reason, a.RequestedAt,
        a.State.ToString().ToLowerInvariant(), a.DecidedBy, a.DecidedAt, a.DecisionReason, a.Outcome);
}
