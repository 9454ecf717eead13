using Kairos.Core.Ports;
using Kairos.Kafka.Clients;
using Kairos.Kafka.Publishing;

namespace Kairos.Server.Kafka;

public static class KafkaSetup
{
    /// <summary>Kafka settings (checked now: a bad one stops the server naming its key), the connection, publishing and event triggers.</summary>
    public static IServiceCollection AddKairosKafka(this IServiceCollection services, KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is { Count: > 0 } problems) throw new InvalidOperationException("Kafka settings: " + string.Join("; ", problems) + ".");
        services.AddSingleton(options);
        services.AddSingleton<KafkaConnection>();
        services.AddSingleton(sp => sp.GetRequiredService<KafkaConnection>().Clients);
        services.AddSingleton<SharedProducer>();
        services.AddSingleton<PartnerPacers>();
        services.AddSingleton<KafkaPublishExecutor>();
        services.AddSingleton<IActionExecutor>(sp => sp.GetRequiredService<KafkaPublishExecutor>());
        services.AddSingleton<EventTriggerHost>();
        services.AddHostedService(sp => sp.GetRequiredService<EventTriggerHost>());
        return services;
    }
}
