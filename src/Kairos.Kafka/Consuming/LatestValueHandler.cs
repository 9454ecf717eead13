using Kairos.Core.Messages;
using Kairos.Core.Ports;

namespace Kairos.Kafka.Consuming;

/// <summary>
/// Keeps each key's latest value in the store (today's rate per currency pair), in the inbox's transaction. Messages
/// can be narrowed to those whose headers match, such as only the relay's answers and not its errors.
/// </summary>
public sealed class LatestValueHandler(string consumer, IReadOnlyDictionary<string, string> requiredHeaders, ILatestValueStore values, TimeProvider clock) : IMessageHandler
{
    public bool Wants(ConsumedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return requiredHeaders.All(h => message.Header(h.Key) == h.Value);
    }

    public Task HandleAsync(ConsumedMessage message, IStoreTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        // A message without a key has nothing to be the latest value of: it is an error the dead-letter topic should show.
        if (string.IsNullOrEmpty(message.Key)) throw new InvalidOperationException($"message {message.Id} has no key; a latest-value consumer keeps one value per key");
        return values.PutAsync(transaction, new LatestValue(consumer, message.Key, message.Text, message.Header(MessageHeaders.BusinessDate),
            message.Id, message.Topic, message.Partition, message.Offset, clock.GetUtcNow()), cancellationToken);
    }
}
