using System.Collections.Concurrent;
using Kairos.Core.Jobs;
using Kairos.Core.Messages;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Executors;
using Kairos.Kafka.Clients;
using Kairos.Kafka.Consuming;
using Kairos.Kafka.Publishing;
using Kairos.Store.Sqlite;
using Kairos.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Kairos.Kafka.Tests;

/// <summary>
/// A publishing run stopped half-way and rerun, seen by an independent consumer with its own inbox (on a store of its
/// own, as a partner's gateway would have).
/// </summary>
public sealed class PublishOnceTests(KafkaTestCluster kafka, ITestOutputHelper output) : IClassFixture<KafkaTestCluster>
{
    private const int Messages = 100;
    private static readonly DateTimeOffset Slot = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly KafkaOptions Options = new()
    {
        Partners = { ["bank"] = new PartnerOptions { Rate = 20, MaxInFlight = 5 } },
        DeliveryTimeout = TimeSpan.FromSeconds(10),
    };

    /// <param name="recordProgress">
    /// With the store: deliveries are recorded and a rerun (a new run, no slot of its own) follows its chain to the slot.
    /// Without: nothing is recorded, and a retry of the same slot run sends all again under the same ids.
    /// </param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StoppedAfterAboutFifty_ThenRunAgain_TheReceiversInboxSeesEachOfTheHundredOnce(bool recordProgress)
    {
        var topic = kafka.NewTopic(partitions: 2);
        await using var store = SqliteStore.Open(TestServers.NewSqlitePath());
        await store.MigrateAsync();
        using var producer = new SharedProducer(kafka.Clients(Options));
        var executor = new KafkaPublishExecutor(producer, new PartnerPacers(Options, TimeProvider.System), new CommandExecutor(TimeProvider.System, new CommandJournalOptions { PollClock = TimeProvider.System, Root = Path.Combine(Path.GetTempPath(), "kairos-kafka-tests", Guid.NewGuid().ToString("N")) }),
            TimeProvider.System, recordProgress ? store : null);
        var job = Job(topic);
        await store.Runs.AddSlotRunsAsync([new NewRun(job.Id, Slot, TriggerKind.Time, new DateOnly(2026, 11, 23), Slot)], Slot);
        var slotRun = (await store.Runs.ListAsync(new RunQuery(JobId: job.Id))).Single();

        // The first run is stopped once about half its messages have reached Kafka.
        using (var stop = new CancellationTokenSource())
        {
            var first = executor.ExecuteAsync(new ActionContext(slotRun with { State = RunState.Running }, job, new Output()), stop.Token);
            await WaitForAsync(topic, Messages / 2);
            await stop.CancelAsync();
            var stopped = await first;
            Assert.False(stopped.Succeeded, stopped.Detail);
            Assert.Contains("not sent (stopped)", stopped.Detail, StringComparison.Ordinal);
            output.WriteLine($"first run: {stopped.Detail}");
        }

        var again = slotRun with { State = RunState.Running, Attempt = 2 };
        if (recordProgress)
        {
            var rerunId = await store.Runs.AddRunAsync(new NewRun(job.Id, null, TriggerKind.Manual, new DateOnly(2026, 11, 23), Slot, RunState.Queued, RerunOf: slotRun.Id), Slot);
            again = (await store.Runs.GetAsync(rerunId))! with { State = RunState.Running };
        }
        var outcome = await executor.ExecuteAsync(new ActionContext(again, job, new Output()));
        Assert.True(outcome.Succeeded, outcome.Detail);
        output.WriteLine($"{(recordProgress ? "rerun" : "retry")}: {outcome.Detail}");

        var onTopic = kafka.ReadAll(topic, Messages * 2, TimeSpan.FromSeconds(5)).Count;
        var (processed, duplicates, effects) = await ReceiveAsync(topic, onTopic);
        output.WriteLine($"record progress {recordProgress}: {onTopic} on the topic, receiver's inbox: {processed} processed, {duplicates} dropped as repeats");
        Assert.Equal((Messages, Messages), effects);
        Assert.Equal(Messages, processed);
        Assert.Equal(onTopic - Messages, duplicates);
        // With progress recorded, the second run sends only what the first run had not delivered (plus at most the few in flight at the stop).
        if (recordProgress) Assert.InRange(onTopic, Messages, Messages + Options.Partners["bank"].MaxInFlight);
        else Assert.True(onTopic >= Messages + (Messages / 2), $"without a record every message is sent again; {onTopic} on the topic");
    }

    private static Job Job(string topic) => new("bank-requests", null,
        new KafkaPublishAction(topic, "bank", new TemplateMessages("req {{item}} for {{businessDate}}",
            Enumerable.Range(1, Messages).Select(i => MessageItem.Scalar(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList()), "{{item}}", new Dictionary<string, string>()),
        TimeSpan.FromMinutes(1), RetryPolicy.None, OverlapPolicy.Forbid, MisfirePolicy.Default);

    /// <summary>Returns once <paramref name="count"/> messages are on the topic.</summary>
    private async Task WaitForAsync(string topic, int count)
    {
        using var watcher = kafka.Clients().Consumer("watch-" + topic);
        watcher.Assign([new Confluent.Kafka.TopicPartitionOffset(topic, 0, Confluent.Kafka.Offset.Beginning), new Confluent.Kafka.TopicPartitionOffset(topic, 1, Confluent.Kafka.Offset.Beginning)]);
        var seen = 0;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await Task.Run(() =>
        {
            while (seen < count && waited.Elapsed < TimeSpan.FromSeconds(60))
                if (watcher.Consume(TimeSpan.FromMilliseconds(50)) is { IsPartitionEOF: false, Message: not null }) seen++;
        });
        Assert.True(seen >= count, $"only {seen} messages reached the topic");
    }

    /// <summary>An independent consumer group whose inbox is on a store of its own; waits until it has seen all of the topic.</summary>
    private async Task<(long Processed, long Duplicates, (int Rows, int Distinct) Effects)> ReceiveAsync(string topic, int onTopic)
    {
        await using var partnerStore = SqliteStore.Open(TestServers.NewSqlitePath());
        await partnerStore.MigrateAsync();
        var worker = new KafkaConsumerWorker(new ConsumerSettings("partner-" + topic, topic), new EffectsHandler(), kafka.Clients(), partnerStore.Inbox, TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (worker.Stats.Processed + worker.Stats.Duplicates < onTopic && waited.Elapsed < TimeSpan.FromSeconds(90)) await Task.Delay(100);
        await stop.CancelAsync();
        await running;
        return (worker.Stats.Processed, worker.Stats.Duplicates, await EffectsHandler.CountAsync(partnerStore));
    }

    private sealed class Output : IRunOutput
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public void Write(LogStream stream, string line) => _lines.Enqueue(line);
    }
}
