namespace Kairos.Kafka.Consuming;

/// <summary>One consumer: its name (its inbox, and its consumer group unless one is given), topic, retries and dead-letter topic.</summary>
public sealed record ConsumerSettings(string Name, string Topic)
{
    /// <summary>
    /// The Kafka consumer group; default <see cref="Name"/>. A new group starts from the beginning of the topic, and the
    /// inbox (kept by name) recognises everything already processed.
    /// </summary>
    public string? GroupId { get; init; }

    public string Group => GroupId ?? Name;

    /// <summary>Tries of a message that fails for its own reasons before it goes to the dead-letter topic (an outage does not count).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Wait after the first failed try; doubled after each, with jitter.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between tries while an outage lasts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where messages go after <see cref="MaxAttempts"/> failures; default <c>{topic}.dlq</c>.</summary>
    public string? DeadLetterTopic { get; init; }

    /// <summary>How often processed offsets are committed; they are also committed on rebalance and shutdown.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    public string DeadLetters => DeadLetterTopic ?? Topic + ".dlq";
}
