using System.Globalization;
using Confluent.Kafka;
using Kairos.Core.Messages;
using Kairos.Core.Ports;
using Kairos.Kafka.Clients;
using Microsoft.Extensions.Logging;

namespace Kairos.Kafka.Consuming;

/// <summary>
/// A member of the consumer group <see cref="ConsumerSettings.Group"/>: each message runs its handler once, through
/// the inbox (in its transaction, or around it for effects outside the store). A failure of the message's own is tried
/// <see cref="ConsumerSettings.MaxAttempts"/> times with backoff, then goes to the dead-letter topic with the error
/// attached; an outage of the store, the network or Kafka pauses the consumer until it is over (see
/// <see cref="FailureClassifier"/>). An offset is stored only once its message is processed or dead-lettered, and
/// committed every <see cref="ConsumerSettings.CommitInterval"/>, on rebalance and on shutdown, so a crash redelivers
/// at most what was processed since the last commit, and the inbox recognises those.
/// </summary>
public sealed partial class KafkaConsumerWorker
{
    private readonly ConsumerSettings settings;
    private readonly KafkaClients clients;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly Func<ConsumedMessage, bool> _wants;
    private readonly Func<ConsumedMessage, CancellationToken, Task<bool>> _processOnce;
    private static int _members;
    private IConsumer<string?, byte[]>? _consumer;

    /// <summary>A consumer whose handler writes to the store in the inbox's transaction: effectively once.</summary>
    public KafkaConsumerWorker(ConsumerSettings settings, IMessageHandler handler, KafkaClients clients, IInboxStore inbox, TimeProvider clock, ILogger logger)
        : this(settings, clients, clock, logger, handler.Wants)
    {
        _processOnce = (message, ct) => UntilAvailableAsync(message, c => inbox.ProcessOnceAsync(
            Record(settings, message, clock), (tx, hc) => handler.HandleAsync(message, tx, hc), c), ct);
    }

    /// <summary>A consumer whose handler's effects are outside the store: at least once, and never twice once recorded.</summary>
    public KafkaConsumerWorker(ConsumerSettings settings, IExternalMessageHandler handler, KafkaClients clients, IInboxStore inbox, TimeProvider clock, ILogger logger)
        : this(settings, clients, clock, logger, handler.Wants)
    {
        // Each step waits out an outage on its own, so a store that fails after the effect does not repeat the effect.
        _processOnce = async (message, ct) =>
        {
            if (await UntilAvailableAsync(message, c => inbox.ContainsAsync(settings.Name, message.Id, c), ct).ConfigureAwait(false)) return false;
            await UntilAvailableAsync(message, async c => { await handler.HandleAsync(message, c).ConfigureAwait(false); return true; }, ct).ConfigureAwait(false);
            return await UntilAvailableAsync(message, c => inbox.ProcessOnceAsync(Record(settings, message, clock), (_, _) => Task.CompletedTask, c), ct).ConfigureAwait(false);
        };
    }

    private static InboxMessage Record(ConsumerSettings settings, ConsumedMessage message, TimeProvider clock) =>
        new(settings.Name, message.Id, message.Topic, message.Partition, message.Offset, clock.GetUtcNow());

    private KafkaConsumerWorker(ConsumerSettings settings, KafkaClients clients, TimeProvider clock, ILogger logger, Func<ConsumedMessage, bool> wants)
    {
        this.settings = settings;
        this.clients = clients;
        this.clock = clock;
        this.logger = logger;
        _wants = wants;
        _processOnce = null!;
    }

    public ConsumerSettings Settings => settings;

    public ConsumerStats Stats { get; } = new();

    /// <summary>Raised after a message's handler and inbox record have committed (not for duplicates).</summary>
    public event Action<ConsumedMessage>? Processed;

    /// <summary>Partitions this member holds now.</summary>
    public IReadOnlyList<int> Assigned { get; private set; } = [];

    /// <summary>Consumes until <paramref name="stopping"/>; then commits what was processed and leaves the group.</summary>
    public Task RunAsync(CancellationToken stopping) =>
        // Consume blocks its thread while it waits for messages: give the loop a thread of its own.
        Task.Factory.StartNew(() => LoopAsync(stopping), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task LoopAsync(CancellationToken stopping)
    {
        using var deadLetters = clients.Producer($"{settings.Name}-dlq");
        // One client id per member, even for two members in one process: brokers (and the mock cluster) tell members
        // apart by member id, but logs, quotas and the mock's bookkeeping go by client id.
        var clientId = $"{settings.Name}-{Environment.ProcessId}-{Interlocked.Increment(ref _members)}";
        using var consumer = clients.Consumer(settings.Group, clientId, b => b
            .SetPartitionsAssignedHandler((_, added) => Assigned = [.. Assigned.Union(added.Select(p => p.Partition.Value)).Order()])
            .SetPartitionsRevokedHandler((c, revoked) =>
            {
                // Before another member takes these partitions, commit what was done on them.
                CommitStored(c);
                Assigned = [.. Assigned.Except(revoked.Select(p => p.Partition.Value))];
            })
            .SetPartitionsLostHandler((_, lost) => Assigned = [.. Assigned.Except(lost.Select(p => p.Partition.Value))]));
        _consumer = consumer;
        consumer.Subscribe(settings.Topic);
        var lastCommit = clock.GetTimestamp();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                ConsumeResult<string?, byte[]>? result;
                try
                {
                    result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                }
                catch (ConsumeException e)
                {
                    logger.LogWarning("Consumer {Consumer} on {Topic}: {Reason}", settings.Name, settings.Topic, e.Error.Reason);
                    await Task.Delay(TimeSpan.FromMilliseconds(500), clock, stopping).ConfigureAwait(false);
                    continue;
                }
                if (result is { Message: not null })
                {
                    var message = ToMessage(result);
                    if (_wants(message)) await ProcessAsync(message, deadLetters, stopping).ConfigureAwait(false);
                    else Stats.Count(ConsumerStats.Outcome.PassedOver);
                    StoreOffset(consumer, result);
                }
                if (clock.GetElapsedTime(lastCommit) >= settings.CommitInterval)
                {
                    CommitStored(consumer);
                    lastCommit = clock.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping mid-message: its offset was not stored, so it comes again after the restart.
        }
        finally
        {
            CommitStored(consumer);
            consumer.Close();
        }
    }

    private async Task ProcessAsync(ConsumedMessage message, IProducer<string?, byte[]> deadLetters, CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var processed = await _processOnce(message, stopping).ConfigureAwait(false);
                Stats.Count(processed ? ConsumerStats.Outcome.Processed : ConsumerStats.Outcome.Duplicate);
                if (processed) Processed?.Invoke(message);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                if (attempt >= settings.MaxAttempts)
                {
                    await DeadLetterAsync(message, e, attempt, deadLetters, stopping).ConfigureAwait(false);
                    return;
                }
                Stats.Count(ConsumerStats.Outcome.Retried);
                var wait = RetryDelay.After(attempt, settings.Backoff, settings.MaxBackoff, Random.Shared.NextDouble());
                logger.LogWarning("Consumer {Consumer}: message {Id} at {Topic}/{Partition}/{Offset} failed (attempt {Attempt} of {Max}), trying again in {Wait} ms: {Error}",
                    settings.Name, message.Id, message.Topic, message.Partition, message.Offset, attempt, settings.MaxAttempts, (int)wait.TotalMilliseconds, e.Message);
                await Task.Delay(wait, clock, stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task DeadLetterAsync(ConsumedMessage message, Exception error, int attempts, IProducer<string?, byte[]> deadLetters, CancellationToken stopping)
    {
        var headers = KafkaHeaders.ToKafka(message.Headers.Concat(
        [
            new(MessageHeaders.Error, $"{error.GetType().Name}: {error.Message}"),
            new(MessageHeaders.Attempts, attempts.ToString(CultureInfo.InvariantCulture)),
            new(MessageHeaders.OriginalTopic, message.Topic),
            new(MessageHeaders.OriginalPartition, message.Partition.ToString(CultureInfo.InvariantCulture)),
            new(MessageHeaders.OriginalOffset, message.Offset.ToString(CultureInfo.InvariantCulture)),
        ]));
        // The offset moves on only once the dead letter is safely in Kafka: until then, keep trying.
        while (true)
        {
            try
            {
                await deadLetters.ProduceAsync(settings.DeadLetters, new Message<string?, byte[]> { Key = message.Key, Value = message.Value, Headers = headers }, stopping).ConfigureAwait(false);
                break;
            }
            catch (ProduceException<string?, byte[]> e)
            {
                logger.LogError("Consumer {Consumer}: could not dead-letter message {Id} to {Topic}, trying again: {Reason}", settings.Name, message.Id, settings.DeadLetters, e.Error.Reason);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stopping).ConfigureAwait(false);
            }
        }
        Stats.Count(ConsumerStats.Outcome.DeadLettered);
        logger.LogError("Consumer {Consumer}: message {Id} at {Topic}/{Partition}/{Offset} failed {Attempts} times and went to {DeadLetters}: {Error}",
            settings.Name, message.Id, message.Topic, message.Partition, message.Offset, attempts, settings.DeadLetters, error.Message);
    }

    private void CommitStored(IConsumer<string?, byte[]> consumer)
    {
        try
        {
            consumer.Commit();
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing processed since the last commit.
        }
        catch (KafkaException e)
        {
            // Not fatal: the next commit carries these offsets, and a redelivery meanwhile is caught by the inbox.
            logger.LogWarning("Consumer {Consumer}: commit failed: {Reason}", settings.Name, e.Error.Reason);
        }
    }

    private static ConsumedMessage ToMessage(ConsumeResult<string?, byte[]> r) => new(
        r.Topic, r.Partition.Value, r.Offset.Value, r.Message.Key, r.Message.Value ?? [],
        KafkaHeaders.FromKafka(r.Message.Headers),
        r.Message.Timestamp.UtcDateTime);
}
