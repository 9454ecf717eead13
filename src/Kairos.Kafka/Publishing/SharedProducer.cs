using System.Text;
using Confluent.Kafka;
using Kairos.Core.Messages;
using Kairos.Kafka.Clients;

namespace Kairos.Kafka.Publishing;

/// <summary>
/// One idempotent producer for the whole process, made on first use so a server without publishing jobs never
/// connects. librdkafka batches across callers; one producer per process is what its authors recommend.
/// </summary>
public sealed class SharedProducer(KafkaClients clients) : IDisposable
{
    private readonly Lazy<IProducer<string?, byte[]>> _producer = new(() => clients.Producer("kairos-publisher"));

    /// <summary>
    /// Sends without waiting; <paramref name="delivered"/> runs on librdkafka's thread with the outcome. A paced
    /// message carries the moment its pacer released it as its timestamp, so the pace can be checked on the topic.
    /// </summary>
    public void Send(string topic, OutgoingMessage message, DateTimeOffset? releasedAt, Action<DeliveryReport<string?, byte[]>> delivered)
    {
        ArgumentNullException.ThrowIfNull(message);
        var kafkaMessage = new Message<string?, byte[]> { Key = message.Key, Value = Encoding.UTF8.GetBytes(message.Value), Headers = KafkaHeaders.ToKafka(message.Headers) };
        if (releasedAt is { } at) kafkaMessage.Timestamp = new Timestamp(at);
        while (true)
        {
            try
            {
                _producer.Value.Produce(topic, kafkaMessage, delivered);
                return;
            }
            catch (ProduceException<string?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The local queue is full: let librdkafka send some before adding more.
                _producer.Value.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    /// <summary>Waits until every message sent so far is acknowledged or has failed, up to <paramref name="timeout"/>.</summary>
    public int Flush(TimeSpan timeout) => _producer.IsValueCreated ? _producer.Value.Flush(timeout) : 0;

    public void Dispose()
    {
        if (!_producer.IsValueCreated) return;
        _producer.Value.Flush(TimeSpan.FromSeconds(10));
        _producer.Value.Dispose();
    }
}
