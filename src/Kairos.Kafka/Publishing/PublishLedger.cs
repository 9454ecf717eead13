using System.Threading.Channels;
using Confluent.Kafka;
using Kairos.Core.Messages;
using Kairos.Core.Ports;

namespace Kairos.Kafka.Publishing;

/// <summary>
/// Which messages of an occasion Kafka has acknowledged, kept in the store's inbox table under
/// <c>kairos-publish-{job}</c> by message id, so a retry, a restarted node or a rerun of the same slot or business date
/// sends only what is missing. A message acknowledged just before a crash and not yet recorded is sent again under the
/// same id, and the receiver's inbox drops it. Without a store every message is sent, with the same ids.
/// </summary>
internal sealed class PublishLedger
{
    private readonly IInboxStore? _inbox;
    private readonly string _name;
    private readonly string _topic;
    private readonly TimeProvider _clock;
    private readonly Channel<(string Id, TopicPartitionOffset At)> _delivered = Channel.CreateUnbounded<(string, TopicPartitionOffset)>(new() { SingleReader = true });
    private readonly Task _writer;
    private string? _problem;

    public PublishLedger(IInboxStore? inbox, string jobId, string topic, TimeProvider clock)
    {
        _inbox = inbox;
        _name = Name(jobId);
        _topic = topic;
        _clock = clock;
        _writer = inbox is null ? Task.CompletedTask : WriteAsync(inbox);
    }

    public static string Name(string jobId) => "kairos-publish-" + jobId;

    /// <summary>The first store error met, if any: the run's log says progress may not have been recorded.</summary>
    public string? Problem => Volatile.Read(ref _problem);

    /// <summary>For each message, whether an earlier run of the occasion already delivered it.</summary>
    public async Task<bool[]> AlreadyDeliveredAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        var done = new bool[messages.Count];
        if (_inbox is null) return done;
        for (var i = 0; i < messages.Count; i++)
            done[i] = await _inbox.ContainsAsync(_name, Id(messages[i]), cancellationToken).ConfigureAwait(false);
        return done;
    }

    /// <summary>Called on librdkafka's thread for each acknowledged message; the store write happens on the writer.</summary>
    public void Delivered(OutgoingMessage message, TopicPartitionOffset at)
    {
        if (_inbox is not null) _delivered.Writer.TryWrite((Id(message), at));
    }

    /// <summary>Waits until every acknowledgement so far is recorded.</summary>
    public Task CompleteAsync()
    {
        _delivered.Writer.TryComplete();
        return _writer;
    }

    private async Task WriteAsync(IInboxStore inbox)
    {
        // Not cancelled with the run: what Kafka acknowledged is recorded even when the run is being stopped.
        await foreach (var (id, at) in _delivered.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await inbox.ProcessOnceAsync(new InboxMessage(_name, id, _topic, at.Partition.Value, at.Offset.Value, _clock.GetUtcNow()),
                    (_, _) => Task.CompletedTask).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or IOException or TimeoutException or InvalidOperationException)
            {
                Interlocked.CompareExchange(ref _problem, e.Message, null);
            }
        }
    }

    private static string Id(OutgoingMessage message) => message.Header(MessageHeaders.CorrelationId) ?? "";
}
