using Kairos.Core.Ports;
using Kairos.Kafka.Clients;
using Kairos.Kafka.Consuming;
using Kairos.Kafka.Publishing;
using Kairos.Kafka.Relay;
using Microsoft.Extensions.Logging;

namespace Kairos.Kafka.Consumers;

/// <summary>Builds a configured consumer's group member with its handler.</summary>
public static class ConsumerWorkers
{
    /// <summary>The member and what must be disposed after it stops (the relay's producer).</summary>
    public static (KafkaConsumerWorker Worker, IDisposable? Resources) Create(
        string name, ConsumerOptions options, KafkaClients clients, IKairosStore store, HttpClient http, TimeProvider clock, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(loggers);
        var settings = options.Settings(name);
        var logger = loggers.CreateLogger<KafkaConsumerWorker>();
        if (options.Handler == "relay")
        {
            var relay = new RelayHandler(name, options.Relay!, http, RelayPacer(options.Relay!, options.Scaling.MaxReplicas, clients.Options, clock), clients, clock, loggers.CreateLogger<RelayHandler>());
            return (new KafkaConsumerWorker(settings, relay, clients, store.Inbox, clock, logger), relay);
        }
        return (new KafkaConsumerWorker(settings, new LatestValueHandler(name, options.OnlyHeaders, store.LatestValues, clock), clients, store.Inbox, clock, logger), null);
    }

    // Pacing is per process, so each worker takes an equal share of the partner's pace: however many of the consumer's
    // MaxReplicas run, together they stay within it. Calls are paced where they leave, spaced by the relay's margin.
    private static PartnerPacer? RelayPacer(RelayOptions relay, int maxReplicas, KafkaOptions kafka, TimeProvider clock) =>
        relay.Partner is { } name && kafka.Partners.TryGetValue(name, out var partner)
            ? new PartnerPacer(name, Math.Max(1, partner.Rate / maxReplicas), Math.Max(1, partner.MaxInFlight / maxReplicas), clock, relay.PaceMargin)
            : null;
}
