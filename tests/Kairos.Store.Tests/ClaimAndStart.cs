using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Tests;

internal static class ClaimAndStart
{
    /// <summary>What a node does with a claim: each claimed run starts at its planned instant with <paramref name="lease"/>.</summary>
    public static async Task<ClaimResult> ClaimAndStartAsync(this IRunStore runs, string node, DateTimeOffset now, DateTimeOffset dueBy, TimeSpan lease, int max)
    {
        var claim = await runs.ClaimDueAsync(node, now, dueBy, TimeSpan.FromSeconds(2), max);
        var started = new List<Run>();
        foreach (var group in claim.Claimed.GroupBy(r => r.StartedAt!.Value))
            started.AddRange(await runs.StartAsync(node, group.ToList(), group.Key, lease));
        return claim with { Claimed = started };
    }
}
