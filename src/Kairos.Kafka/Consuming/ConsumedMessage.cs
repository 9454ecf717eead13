using System.Text;
using Kairos.Core.Messages;

namespace Kairos.Kafka.Consuming;

/// <summary>One message as a handler sees it.</summary>
public sealed record ConsumedMessage(
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    byte[] Value,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    DateTimeOffset Timestamp)
{
    public string Text => Encoding.UTF8.GetString(Value);

    public string? Header(string name) => MessageHeaders.Last(Headers, name);

    /// <summary>
    /// What the inbox knows the message by: its correlation id when it has one (so a message a publisher sent twice is
    /// processed once), otherwise where it sits in the log.
    /// </summary>
    public string Id => Header(MessageHeaders.CorrelationId) is { Length: > 0 } id ? id : $"{Topic}/{Partition}/{Offset}";
}
