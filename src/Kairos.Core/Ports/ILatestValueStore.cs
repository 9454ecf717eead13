namespace Kairos.Core.Ports;

/// <summary>
/// A consumer's table of the latest value per message key (today's rate per currency pair), with how many messages
/// updated each key: a message processed twice would show as one update too many, which is what makes it checkable.
/// </summary>
public interface ILatestValueStore
{
    /// <summary>Sets the key's value and counts one more update, inside the consumer's inbox transaction.</summary>
    Task PutAsync(IStoreTransaction transaction, LatestValue value, CancellationToken cancellationToken = default);

    /// <summary>Every key the consumer holds, in key order.</summary>
    Task<IReadOnlyList<LatestValue>> ListAsync(string consumer, CancellationToken cancellationToken = default);
}

/// <summary>One key's latest value, where it came from, and how many messages have updated it.</summary>
public sealed record LatestValue(
    string Consumer, string Key, string Value, string? BusinessDate, string MessageId, string Topic, int Partition, long Offset, DateTimeOffset UpdatedAt, long Updates = 1);
