using Kairos.Calendars;
using Kairos.Hosting;
using Kairos.Kafka.Clients;
using Kairos.Kafka.Consumers;

namespace Kairos.Server.Consumers;

public static class ConsumerSetup
{
    /// <summary>The configured consumers (checked now: a bad one stops the server naming its key) and their supervisor.</summary>
    public static IServiceCollection AddKairosConsumers(this IServiceCollection services, IConfiguration configuration, KafkaOptions kafka)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        var consumers = ConsumerConfiguration.Read(configuration);
        var problems = consumers.SelectMany(c => c.Value.Problems(c.Key, kafka.Partners.ToDictionary(x => x.Key, x => x.Value.Rate), BuiltInCalendars.Default.Ids)).ToList();
        if (problems.Count > 0) throw new InvalidOperationException("Consumer settings: " + string.Join("; ", problems) + ".");
        services.AddSingleton(new ConfiguredConsumers(consumers, configuration));
        services.AddSingleton(configuration.GetSection("Kairos:Supervisor").Get<SupervisorOptions>() ?? new SupervisorOptions());
        services.AddSingleton<ConsumerSupervisor>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsumerSupervisor>());
        return services;
    }
}

/// <summary>The consumers as configured, and the configuration a worker process is given to run one of them.</summary>
public sealed class ConfiguredConsumers(IReadOnlyDictionary<string, ConsumerOptions> consumers, IConfiguration configuration)
{
    public IReadOnlyDictionary<string, ConsumerOptions> All => consumers;

    /// <summary>
    /// The server's own settings for Kafka and for this consumer, as command-line arguments: a worker then runs the
    /// consumer exactly as this server was told to, however the settings reached it (file, environment, flags).
    /// </summary>
    public IEnumerable<string> WorkerArguments(string name)
    {
        foreach (var prefix in new[] { KafkaOptions.Section, $"{ConsumerOptions.Section}:{name}" })
            foreach (var (key, value) in configuration.GetSection(prefix).AsEnumerable())
                if (value is not null) yield return $"--{key}={value}";
    }
}
