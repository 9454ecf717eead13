namespace Kairos.Kafka.Consuming;

/// <summary>Counts since the consumer started, readable while it runs.</summary>
public sealed class ConsumerStats
{
    private long _processed;
    private long _duplicates;
    private long _retries;
    private long _deadLettered;
    private long _passedOver;

    /// <summary>Messages whose handler ran and committed.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Messages delivered again and recognised by the inbox.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Retries => Interlocked.Read(ref _retries);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Messages the handler did not want (an event trigger's filter): their offsets move on, nothing is recorded.</summary>
    public long PassedOver => Interlocked.Read(ref _passedOver);

    internal void Count(Outcome outcome)
    {
        switch (outcome)
        {
            case Outcome.Processed: Interlocked.Increment(ref _processed); break;
            case Outcome.Duplicate: Interlocked.Increment(ref _duplicates); break;
            case Outcome.Retried: Interlocked.Increment(ref _retries); break;
            case Outcome.DeadLettered: Interlocked.Increment(ref _deadLettered); break;
            case Outcome.PassedOver: Interlocked.Increment(ref _passedOver); break;
        }
    }

    internal enum Outcome { Processed, Duplicate, Retried, DeadLettered, PassedOver }
}
