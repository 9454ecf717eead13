using Kairos.Core.Ports;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kairos.Server.Hosting;

/// <summary>Ready when the store answers a query.</summary>
internal sealed class StoreHealthCheck(IKairosStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.Runs.NextDueAtAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the store does not answer", e);
        }
    }
}
