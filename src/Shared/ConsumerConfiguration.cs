using Kairos.Kafka.Consumers;
using Microsoft.Extensions.Configuration;

namespace Kairos.Hosting;

/// <summary>
/// The consumers under <c>Kairos:Consumers</c>, by name: read the same way by the server (to supervise them) and by a
/// worker (to run one), so both see the same consumer. Compiled into each (linked).
/// </summary>
internal static class ConsumerConfiguration
{
    public static Dictionary<string, ConsumerOptions> Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var consumers = new Dictionary<string, ConsumerOptions>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection(ConsumerOptions.Section).GetChildren())
            consumers[section.Key] = section.Get<ConsumerOptions>() ?? new ConsumerOptions();
        return consumers;
    }
}
