using System.Globalization;
using Kairos.Core.Ports;

namespace Kairos.Server.Operations;

/// <summary>The targets audit entries and approvals name: <c>job:x</c>, <c>run:7</c>, <c>approval:3</c>, <c>calendar:KR</c>.</summary>
internal static class AuditTargets
{
    /// <summary>The job a target is about; null when none.</summary>
    public static async Task<string?> JobOfAsync(string target, IKairosStore store, CancellationToken ct)
    {
        var (kind, id) = target.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? (target[..colon], target[(colon + 1)..]) : ("", "");
        return kind switch
        {
            "job" => id,
            "run" when long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var run) => (await store.Runs.GetAsync(run, ct))?.JobId,
            "approval" when long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var approval) && await store.Approvals.GetAsync(approval, ct) is { } found
                && !found.Target.StartsWith("approval:", StringComparison.Ordinal) => await JobOfAsync(found.Target, store, ct),
            _ => null,
        };
    }
}
