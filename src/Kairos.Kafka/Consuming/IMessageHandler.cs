using Kairos.Core.Ports;

namespace Kairos.Kafka.Consuming;

/// <summary>
/// What a consumer does with each message. Its writes go through <paramref name="transaction"/> so they commit with the
/// inbox record; throwing rolls them back and the message is tried again, then dead-lettered.
/// </summary>
public interface IMessageHandler
{
    Task HandleAsync(ConsumedMessage message, IStoreTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Whether the message is for this handler at all; one it does not want is passed over without an inbox record.</summary>
    bool Wants(ConsumedMessage message) => true;
}
