using System.Data.Common;

namespace Kairos.Core.Ports;

/// <summary>
/// Makes at-least-once delivery effectively once: a message's effects and the record that it was processed commit in
/// one transaction of the store, so a message delivered again finds the record and is not processed again.
/// </summary>
public interface IInboxStore
{
    /// <summary>
    /// Records the message and runs <paramref name="handle"/> in the same write transaction. Returns false, without
    /// calling it, when the consumer already processed this message id. When the handler throws, nothing of it is kept.
    /// </summary>
    Task<bool> ProcessOnceAsync(InboxMessage message, Func<IStoreTransaction, CancellationToken, Task> handle, CancellationToken cancellationToken = default);

    /// <summary>Whether the consumer has processed this message id: what a handler whose effects are outside the store asks first.</summary>
    Task<bool> ContainsAsync(string consumer, string messageId, CancellationToken cancellationToken = default);

    /// <summary>How many messages the consumer has processed.</summary>
    Task<long> CountAsync(string consumer, CancellationToken cancellationToken = default);
}

/// <summary>One delivered message as the inbox records it.</summary>
public sealed record InboxMessage(string Consumer, string MessageId, string Topic, int Partition, long Offset, DateTimeOffset At);

/// <summary>The store's open write transaction, in which a handler makes its own writes.</summary>
public interface IStoreTransaction
{
    DbConnection Connection { get; }

    DbTransaction Transaction { get; }

    /// <summary><c>sqlite</c> or <c>postgres</c>, for handlers whose SQL differs.</summary>
    string Dialect { get; }
}
