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

/// <summary>
/// A handler whose effects are outside the store: a call to a partner, a message to another topic. They cannot share
/// the inbox's transaction, so the inbox is asked first and written after: a crash between the effect and the record
/// repeats the effect once on redelivery (at least once), and the correlation id it carries lets the next consumer's
/// inbox drop the repeat. The store is never held open while the effect runs.
/// </summary>
public interface IExternalMessageHandler
{
    Task HandleAsync(ConsumedMessage message, CancellationToken cancellationToken);

    /// <summary>Whether the message is for this handler at all.</summary>
    bool Wants(ConsumedMessage message) => true;
}
