using Confluent.Kafka;
using Kairos.Core.Jobs;
using Kairos.Core.Pacing;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Executors;
using Kairos.Kafka.Clients;
using Kairos.Kafka.Publishing;
using Xunit.Abstractions;

namespace Kairos.Kafka.Tests;

/// <summary>
/// Pacing as the receiver sees it: a plain Confluent consumer, independent of Kairos's consumer code, notes when each
/// message arrives while a kafkaPublish run sends at 10 a second.
/// </summary>
public sealed class PacingReceiverTests(KafkaTestCluster kafka, ITestOutputHelper output) : IClassFixture<KafkaTestCluster>
{
    private const int Rate = 10;
    private const int Messages = 60;
    private const string WarmUp = "warm-up";

    [Fact]
    public async Task TenASecond_TheReceiverNeverSeesMoreThanTheDesignAllowsInAnySecond()
    {
        var options = new KafkaOptions { Partners = { ["bank"] = new PartnerOptions { Rate = Rate, MaxInFlight = 5 } } };
        var topic = kafka.NewTopic(partitions: 2);
        using var received = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiving = Task.Factory.StartNew(() => Receive(topic, ready, received.Token), TaskCreationOptions.LongRunning);

        // Connections first: a warm-up message that both ends have seen, so the first paced one is not measured
        // with the time it took the producer and the receiver to connect.
        using var producer = new SharedProducer(kafka.Clients(options));
        producer.Send(topic, new Kairos.Core.Messages.OutgoingMessage(WarmUp, WarmUp, []), null, _ => { });
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var pacers = new PartnerPacers(options, TimeProvider.System);
        var executor = new KafkaPublishExecutor(producer, pacers, new CommandExecutor(TimeProvider.System, new CommandJournalOptions { PollClock = TimeProvider.System, Root = Path.Combine(Path.GetTempPath(), "kairos-kafka-tests", Guid.NewGuid().ToString("N")) }), TimeProvider.System);
        var outcome = await executor.ExecuteAsync(Context(topic));
        Assert.True(outcome.Succeeded, outcome.Detail);
        var arrivals = await receiving;

        Assert.Equal(Messages, arrivals.Count);
        var interval = pacers.Find("bank")!.Interval;
        // Timestamps are whole milliseconds: each is up to 1 ms before the true release, so spacing may read 1 ms short.
        var sent = arrivals.Select(a => a.SentAt).Order().ToList();
        Assert.All(sent.Zip(sent.Skip(1)), p => Assert.True(p.Second - p.First >= interval - TimeSpan.FromMilliseconds(1), $"sent {p.Second - p.First} apart"));
        // The design's promise: arrivals hold at most ⌈(1 s + jitter) / interval⌉ in any second, which is the rate
        // while the way's jitter stays within the pacer's margin.
        var delays = arrivals.Select(a => a.ArrivedAt - a.SentAt).ToList();
        var jitter = delays.Max() - delays.Min() + TimeSpan.FromMilliseconds(1);
        var bound = PaceMeasure.MostInAnySecond(interval, jitter);
        var busiest = PaceMeasure.BusiestSecond(arrivals.Select(a => a.ArrivedAt).ToList());
        output.WriteLine($"interval {interval.TotalMilliseconds} ms, margin {options.Partners["bank"].PaceMargin.TotalMilliseconds} ms; " +
            $"receiver: busiest second {busiest}, jitter {jitter.TotalMilliseconds:0} ms, bound {bound}; sender busiest {PaceMeasure.BusiestSecond(sent)}");
        Assert.True(busiest <= bound, $"the receiver saw {busiest} in one second; the bound for {jitter.TotalMilliseconds:0} ms of jitter is {bound}");
        Assert.True(PaceMeasure.BusiestSecond(sent) <= Rate);
        if (jitter <= options.Partners["bank"].PaceMargin) Assert.True(busiest <= Rate);
    }

    private List<(DateTimeOffset SentAt, DateTimeOffset ArrivedAt)> Receive(string topic, TaskCompletionSource ready, CancellationToken stop)
    {
        // Fetch waits of 5 ms: the broker's long-poll must not batch arrivals, or the receiver would measure itself.
        var config = new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = "receiver-" + topic, FetchWaitMaxMs = 5, EnablePartitionEof = false };
        using var consumer = new ConsumerBuilder<string, byte[]>(config).SetLogHandler((_, _) => { }).Build();
        consumer.Assign([new TopicPartitionOffset(topic, 0, Offset.Beginning), new TopicPartitionOffset(topic, 1, Offset.Beginning)]);
        var arrivals = new List<(DateTimeOffset, DateTimeOffset)>();
        while (arrivals.Count < Messages && !stop.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not { Message: not null } r) continue;
            if (r.Message.Key == WarmUp) ready.TrySetResult();
            else arrivals.Add((new DateTimeOffset(r.Message.Timestamp.UtcDateTime), TimeProvider.System.GetUtcNow()));
        }
        consumer.Close();
        return arrivals;
    }

    private static ActionContext Context(string topic)
    {
        var items = Enumerable.Range(1, Messages).Select(i => MessageItem.Scalar(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var action = new KafkaPublishAction(topic, "bank", new TemplateMessages("{{item}}", items), "{{item}}", new Dictionary<string, string>());
        var run = new Run(1, "paced", new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), TriggerKind.Time, new DateOnly(2026, 11, 23), RunState.Running, 1,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        return new ActionContext(run, new Job("paced", null, action, TimeSpan.FromMinutes(1), RetryPolicy.None, OverlapPolicy.Forbid, MisfirePolicy.Default), new NullOutput());
    }

    private sealed class NullOutput : IRunOutput
    {
        public void Write(LogStream stream, string line)
        {
        }
    }
}
