using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Kairos.Kafka.Consuming;

/// <summary>
/// An outage of the store, the network or Kafka: the message in hand is kept and tried again with capped backoff for
/// as long as it takes, its offset is not stored and nothing goes to the dead-letter topic. Meanwhile the consumer's
/// partitions are paused and it keeps polling, so it stays in its group however long the outage lasts.
/// </summary>
public sealed partial class KafkaConsumerWorker
{
    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(250);
    private long _pausedSince = -1;

    /// <summary>Whether the consumer is waiting out an outage now.</summary>
    public bool IsPaused => Volatile.Read(ref _pausedSince) >= 0;

    private async Task<T> UntilAvailableAsync<T>(ConsumedMessage message, Func<CancellationToken, Task<T>> step, CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await step(stopping).ConfigureAwait(false);
                if (IsPaused) Resume();
                return result;
            }
            catch (Exception e) when (e is not OperationCanceledException && FailureClassifier.Classify(e) == FailureKind.Outage)
            {
                if (!IsPaused) Volatile.Write(ref _pausedSince, clock.GetTimestamp());
                Stats.Count(ConsumerStats.Outcome.Retried);
                var wait = RetryDelay.After(attempt, settings.Backoff, settings.MaxBackoff, Random.Shared.NextDouble());
                logger.LogError("CONSUMER {Consumer} PAUSED for {Seconds:0} s: the store, network or Kafka is unavailable. Message {Id} at {Topic}/{Partition}/{Offset} is kept (not dead-lettered, offset not committed); try {Attempt}, next in {Wait} ms: {Error}",
                    settings.Name, clock.GetElapsedTime(_pausedSince).TotalSeconds, message.Id, message.Topic, message.Partition, message.Offset, attempt, (int)wait.TotalMilliseconds, e.Message);
                await IdleAsync(wait, stopping).ConfigureAwait(false);
            }
        }
    }

    private void Resume()
    {
        var paused = clock.GetElapsedTime(Volatile.Read(ref _pausedSince));
        Volatile.Write(ref _pausedSince, -1);
        if (_consumer is { } consumer) consumer.Resume(consumer.Assignment);
        logger.LogWarning("Consumer {Consumer} resumed after {Seconds:0.0} s paused by an outage", settings.Name, paused.TotalSeconds);
    }

    /// <summary>Waits with every partition paused, polling so the group does not drop this member.</summary>
    private async Task IdleAsync(TimeSpan wait, CancellationToken stopping)
    {
        if (_consumer is not { } consumer)
        {
            await Task.Delay(wait, clock, stopping).ConfigureAwait(false);
            return;
        }
        var started = clock.GetTimestamp();
        consumer.Pause(consumer.Assignment);
        while (clock.GetElapsedTime(started) is var elapsed && elapsed < wait)
        {
            // Paused partitions deliver nothing; one assigned during the wait may. Put its message back for later.
            if (consumer.Consume(TimeSpan.Zero) is { Message: not null } stray)
            {
                consumer.Pause([stray.TopicPartition]);
                consumer.Seek(stray.TopicPartitionOffset);
            }
            await Task.Delay(Min(wait - elapsed, PollSlice), clock, stopping).ConfigureAwait(false);
        }
    }

    private void StoreOffset(IConsumer<string?, byte[]> consumer, ConsumeResult<string?, byte[]> result)
    {
        try
        {
            consumer.StoreOffset(result);
        }
        catch (KafkaException e)
        {
            // The partition went to another member while this one waited: that member reads the message again and
            // the inbox recognises it.
            logger.LogWarning("Consumer {Consumer}: offset {Offset} of {Topic}/{Partition} not stored: {Reason}", settings.Name, result.Offset.Value, result.Topic, result.Partition.Value, e.Error.Reason);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
