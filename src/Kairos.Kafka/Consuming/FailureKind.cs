namespace Kairos.Kafka.Consuming;

/// <summary>Why handling a message failed: the world around it (wait and try again) or the message itself (dead-letter it).</summary>
public enum FailureKind
{
    /// <summary>The store, the network or Kafka is unavailable: the message is fine and will go through once they are back.</summary>
    Outage,

    /// <summary>The message cannot be handled as it is (bad payload, failed validation, a row it would break).</summary>
    Message,
}
