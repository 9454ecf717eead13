using Kairos.Core.Ports;
using Kairos.Server.Operations;

namespace Kairos.Server.Api;

/// <summary>
/// The audit entries an owner-scoped caller may read: those about jobs they may read (the job, its runs, approvals of
/// either) and their own actions. Everything else (users, calendars, other teams) stays out of sight.
/// </summary>
internal static class AuditScope
{
    public static async Task<IReadOnlyList<AuditEntry>> VisibleAsync(IReadOnlyList<AuditEntry> entries, ReadScope scope, string actor, IKairosStore store, CancellationToken ct)
    {
        var readable = (await scope.ReadableJobIdsAsync(store, ct))!.ToHashSet(StringComparer.Ordinal);
        var jobOf = new Dictionary<string, string?>(StringComparer.Ordinal); // one store read per target, however many entries name it
        var visible = new List<AuditEntry>();
        foreach (var entry in entries)
        {
            if (entry.Actor != actor && !jobOf.ContainsKey(entry.Target)) jobOf[entry.Target] = await JobOfAsync(entry.Target, store, ct);
            if (entry.Actor == actor || jobOf[entry.Target] is { } job && readable.Contains(job)) visible.Add(entry);
        }
        return visible;
    }

    private static Task<string?> JobOfAsync(string target, IKairosStore store, CancellationToken ct) => AuditTargets.JobOfAsync(target, store, ct);
}
