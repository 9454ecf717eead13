namespace Kairos.Core.Messages;

/// <summary>One message ready to publish: everything expanded, headers included.</summary>
public sealed record OutgoingMessage(string? Key, string Value, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public string? Header(string name) => MessageHeaders.Last(Headers, name);
}

/// <summary>The headers Kairos puts on every message it publishes, so a consumer can tell where it came from.</summary>
public static class MessageHeaders
{
    public const string RunId = "kairos-run-id";
    public const string Job = "kairos-job";
    public const string Slot = "kairos-slot";
    public const string BusinessDate = "kairos-business-date";

    /// <summary>
    /// The message's <see cref="EffectKey.MessageId"/>: the same for the same item of the same occasion (slot, business
    /// date or triggering message) across attempts, kills and reruns, so a consumer's inbox recognises a message sent
    /// again. The relay copies it onto the response.
    /// </summary>
    public const string CorrelationId = "correlation-id";

    /// <summary>On a dead-lettered message: why the handler gave up, and after how many attempts.</summary>
    public const string Error = "kairos-error";
    public const string Attempts = "kairos-attempts";
    public const string OriginalTopic = "kairos-original-topic";
    public const string OriginalPartition = "kairos-original-partition";
    public const string OriginalOffset = "kairos-original-offset";

    /// <summary>On a relay's answer: <c>response</c> (the partner's body) or <c>error</c> (why there is none), and the HTTP status.</summary>
    public const string RelayOutcome = "kairos-relay-outcome";
    public const string RelayStatus = "kairos-relay-status";

    /// <summary>The value of the last header named <paramref name="name"/> (Kafka allows repeats; the last one wins), or null.</summary>
    public static string? Last(IReadOnlyList<KeyValuePair<string, string>> headers, string name)
    {
        ArgumentNullException.ThrowIfNull(headers);
        for (var i = headers.Count - 1; i >= 0; i--)
            if (headers[i].Key == name) return headers[i].Value;
        return null;
    }
}
