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
        string name, ConsumerOptions options, KafkaClients clients, IKairosStore store, PartnerPacers pacers, HttpClient http, TimeProvider clock, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pacers);
        ArgumentNullException.ThrowIfNull(loggers);
        var settings = options.Settings(name);
        var logger = loggers.CreateLogger<KafkaConsumerWorker>();
        if (options.Handler == "relay")
        {
            var relay = new RelayHandler(name, options.Relay!, http, options.Relay!.Partner is { } p ? pacers.Find(p) : null, clients, clock, loggers.CreateLogger<RelayHandler>());
            return (new KafkaConsumerWorker(settings, relay, clients, store.Inbox, clock, logger), relay);
        }
        return (new KafkaConsumerWorker(settings, new LatestValueHandler(name, options.OnlyHeaders, store.LatestValues, clock), clients, store.Inbox, clock, logger), null);
    }
}
