using Kairos.Core.Ports;
using Kairos.Scheduling;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kairos.Server.Hosting;

/// <summary>
/// Ready when the store answers a query and this node could write to it lately: the scheduler writes its heartbeat
/// every second, so a full disk, a read-only data folder or a store refusing writes turns readiness off within seconds.
/// </summary>
internal sealed class StoreHealthCheck(IKairosStore store, KairosScheduler scheduler, SchedulerOptions options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.Runs.NextDueAtAsync(clock.GetUtcNow(), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the store does not answer", e);
        }
        var silent = scheduler.LastHeartbeat is { } last ? clock.GetUtcNow() - last : (TimeSpan?)null;
        var limit = options.ControlInterval * 3 + TimeSpan.FromSeconds(2);
        return silent is null || silent > limit
            ? HealthCheckResult.Unhealthy(silent is null ? "the node has not written to the store yet" : $"the node could not write to the store for {silent.Value.TotalSeconds:0}s")
            : HealthCheckResult.Healthy();
    }
}
