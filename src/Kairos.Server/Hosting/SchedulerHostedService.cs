using Kairos.Core.Ports;
using Kairos.Scheduling;

namespace Kairos.Server.Hosting;

/// <summary>Migrates the store, loads job files, then runs this node's scheduler until shutdown.</summary>
internal sealed class SchedulerHostedService(IKairosStore store, JobFileSync files, KairosScheduler scheduler, ILogger<SchedulerHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await files.StartAsync(cancellationToken).ConfigureAwait(false);
        await scheduler.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Shutting down: running runs get their grace period, then are killed and recorded");
        files.Dispose();
        await scheduler.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
