using Kairos.Core.Ports;
using Kairos.Scheduling;

namespace Kairos.Server.Hosting;

/// <summary>Migrates the store, reads the calendars, loads job files, then runs this node's scheduler until shutdown.</summary>
internal sealed class SchedulerHostedService(IKairosStore store, CalendarCatalog calendars, JobFileSync files, KairosScheduler scheduler, ILogger<SchedulerHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await scheduler.AnnounceAsync(cancellationToken).ConfigureAwait(false);
        // Job files may name institution calendars defined through the API: the catalog knows them only once it has read the store.
        await calendars.RefreshAsync(cancellationToken).ConfigureAwait(false);
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
