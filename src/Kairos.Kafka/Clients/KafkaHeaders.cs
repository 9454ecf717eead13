using System.Text;
using Confluent.Kafka;

namespace Kairos.Kafka.Clients;

/// <summary>Kairos keeps headers as text; Kafka carries bytes. Both directions are UTF-8.</summary>
public static class KafkaHeaders
{
    public static Headers ToKafka(IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var kafka = new Headers();
        foreach (var (name, value) in headers) kafka.Add(name, Encoding.UTF8.GetBytes(value));
        return kafka;
    }

    public static IReadOnlyList<KeyValuePair<string, string>> FromKafka(Headers? headers) =>
        headers?.Select(h => new KeyValuePair<string, string>(h.Key, Encoding.UTF8.GetString(h.GetValueBytes()))).ToList() ?? [];
}
