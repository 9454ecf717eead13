using Kairos.Core.Ports;
using Kairos.Kafka.Clients;
using Kairos.Kafka.Consumers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kairos.Consumers.Worker;

/// <summary>Runs one consumer's group member in this process until the host stops.</summary>
internal sealed class ConsumerWorkerService(string name, ConsumerOptions options, IServiceProvider services) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var store = services.GetRequiredService<IKairosStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        await store.MigrateAsync(stoppingToken).ConfigureAwait(false);
        var logger = services.GetRequiredService<ILogger<ConsumerWorkerService>>();
        var (worker, resources) = ConsumerWorkers.Create(name, options, services.GetRequiredService<KafkaClients>(), store,
            services.GetRequiredService<IHttpClientFactory>().CreateClient(name),
            clock, services.GetRequiredService<ILoggerFactory>());
        logger.LogInformation("Worker {Pid} of consumer {Consumer} ({Handler}) joining group {Group} on {Topic}", Environment.ProcessId, name, options.Handler, worker.Settings.Group, worker.Settings.Topic);
        try
        {
            var running = worker.RunAsync(stoppingToken);
            // When the parent goes, stopping the host cancels stoppingToken, and the member commits and leaves as on SIGTERM.
            if (await Task.WhenAny(running, StopWithParentAsync(logger, clock, stoppingToken)).ConfigureAwait(false) != running)
                services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            await running.ConfigureAwait(false);
        }
        finally
        {
            resources?.Dispose();
            logger.LogInformation("Worker {Pid} of consumer {Consumer} stopped: {Processed} processed, {Duplicates} duplicates skipped, {DeadLettered} dead-lettered",
                Environment.ProcessId, name, worker.Stats.Processed, worker.Stats.Duplicates, worker.Stats.DeadLettered);
        }
    }

    // A worker started by a server's supervisor leaves with it, even when the server was killed and could not stop it.
    private async Task StopWithParentAsync(ILogger logger, TimeProvider clock, CancellationToken stoppingToken)
    {
        if (services.GetRequiredService<IConfiguration>()["Kairos:Worker:ParentPid"] is not { } text || !int.TryParse(text, out var parent))
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, clock, stoppingToken).ConfigureAwait(false);
            return;
        }
        while (!stoppingToken.IsCancellationRequested && Alive(parent)) await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken).ConfigureAwait(false);
        if (!stoppingToken.IsCancellationRequested) logger.LogWarning("Worker {Pid}: the server {Parent} that started it is gone; stopping", Environment.ProcessId, parent);
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
