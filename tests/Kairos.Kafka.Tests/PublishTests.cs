using System.Collections.Concurrent;
using System.Text;
using Kairos.Core.Jobs;
using Kairos.Core.Messages;
using Kairos.Core.Pacing;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Executors;
using Kairos.Kafka.Clients;
using Kairos.Kafka.Publishing;

namespace Kairos.Kafka.Tests;

/// <summary>The kafka-publish action against the mock cluster over TCP, on the real clock (pacing is what is measured).</summary>
public sealed class PublishTests(KafkaTestCluster kafka) : IClassFixture<KafkaTestCluster>
{
    private static readonly KafkaOptions Options = new()
    {
        Partners = { ["bank"] = new PartnerOptions { Rate = 20, MaxInFlight = 5 } },
        DeliveryTimeout = TimeSpan.FromSeconds(2),
    };

    [Fact]
    public async Task Publish_SixtyMessagesAtTwentyASecond_AllDelivered_NoSecondCarriesMoreThanTwenty()
    {
        var topic = kafka.NewTopic(partitions: 3);
        using var producer = new SharedProducer(kafka.Clients(Options));
        var executor = Executor(producer);
        var items = Enumerable.Range(1, 60).Select(i => i.ToString("000", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var output = new Output();
        var outcome = await executor.ExecuteAsync(Context(new KafkaPublishAction(topic, "bank",
            new TemplateMessages("req {{item}} for {{businessDate}}", items.Select(MessageItem.Scalar).ToList()), "{{item}}", new Dictionary<string, string>()), output));

        Assert.True(outcome.Succeeded, outcome.Detail);
        Assert.StartsWith($"delivered 60 of 60 to {topic}", outcome.Detail, StringComparison.Ordinal);
        var read = kafka.ReadAll(topic, 60);
        Assert.Equal(items.Select(i => $"req {i} for 2026-11-23"), read.Select(r => Encoding.UTF8.GetString(r.Message.Value)).Order());
        Assert.All(read, r => Assert.Equal(("42", "fx-requests", "2026-11-23", $"fx-requests@2026-11-23T00:00:00Z#{int.Parse(r.Message.Key!, System.Globalization.CultureInfo.InvariantCulture)}"),
            (KafkaTestCluster.Header(r, MessageHeaders.RunId), KafkaTestCluster.Header(r, MessageHeaders.Job),
             KafkaTestCluster.Header(r, MessageHeaders.BusinessDate), KafkaTestCluster.Header(r, MessageHeaders.CorrelationId))));
        // The producer stamps each message when it is handed over: that is the pace the partner sees.
        var stamps = read.Select(r => r.Message.Timestamp.UtcDateTime).Select(t => new DateTimeOffset(t)).ToList();
        Assert.InRange(PaceMeasure.BusiestSecond(stamps), 15, 20);
        Assert.True(stamps.Max() - stamps.Min() >= TimeSpan.FromSeconds(2), "60 messages at 20/s cannot take under 2 s");
    }

    [Fact]
    public async Task TwoJobsOnOnePartner_TogetherKeepThePartnersRate()
    {
        var (first, second) = (kafka.NewTopic(), kafka.NewTopic());
        using var producer = new SharedProducer(kafka.Clients(Options));
        var executor = Executor(producer);
        var items = Enumerable.Range(1, 30).Select(i => MessageItem.Scalar($"{i}")).ToList();
        var outcomes = await Task.WhenAll(
            executor.ExecuteAsync(Context(new KafkaPublishAction(first, "bank", new TemplateMessages("a{{item}}", items), null, new Dictionary<string, string>()), new Output())),
            executor.ExecuteAsync(Context(new KafkaPublishAction(second, "bank", new TemplateMessages("b{{item}}", items), null, new Dictionary<string, string>()), new Output())));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Detail));
        var stamps = kafka.ReadAll(first, 30).Concat(kafka.ReadAll(second, 30)).Select(r => new DateTimeOffset(r.Message.Timestamp.UtcDateTime)).ToList();
        Assert.Equal(60, stamps.Count);
        Assert.InRange(PaceMeasure.BusiestSecond(stamps), 15, 20);
    }

    [Fact]
    public async Task CommandOutput_JsonLines_BecomeMessages_ABadLineSendsNothing()
    {
        var topic = kafka.NewTopic();
        using var producer = new SharedProducer(kafka.Clients(Options));
        var executor = Executor(producer);
        var good = Command("""printf '{"value":{"pair":"USDKRW"},"key":"USDKRW"}\n{"value":"JPYKRW","headers":{"kind":"fx"}}\n'""");
        var outcome = await executor.ExecuteAsync(Context(new KafkaPublishAction(topic, null, good, null, new Dictionary<string, string>()), new Output()));
        Assert.True(outcome.Succeeded, outcome.Detail);
        var read = kafka.ReadAll(topic, 2);
        Assert.Equal(["""{"pair":"USDKRW"}""", "JPYKRW"], read.Select(r => Encoding.UTF8.GetString(r.Message.Value)));
        Assert.Equal("fx", KafkaTestCluster.Header(read[1], "kind"));

        var badTopic = kafka.NewTopic();
        var output = new Output();
        var bad = Command("""printf '{"value":"fine"}\nnot json\n'""");
        // Another run's attempt: one attempt's command runs once, so the same run and attempt would be refused.
        var failed = await Executor(producer).ExecuteAsync(Context(new KafkaPublishAction(badTopic, null, bad, null, new Dictionary<string, string>()), output));
        Assert.False(failed.Succeeded);
        Assert.StartsWith("output line 2 is not JSON", failed.Detail, StringComparison.Ordinal);
        Assert.EndsWith("nothing was published", failed.Detail, StringComparison.Ordinal);
        Assert.Empty(kafka.ReadAll(badTopic, 1, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task TemplateWithoutAValue_OrUnknownPartner_FailsBeforeSendingAnything()
    {
        var topic = kafka.NewTopic();
        using var producer = new SharedProducer(kafka.Clients(Options));
        var executor = Executor(producer);
        var items = new[] { MessageItem.Of(new Dictionary<string, string> { ["pair"] = "A" }), MessageItem.Of(new Dictionary<string, string>()) };
        var missing = await executor.ExecuteAsync(Context(new KafkaPublishAction(topic, "bank", new TemplateMessages("{{item.pair}}", items), null, new Dictionary<string, string>()), new Output()));
        Assert.Equal("the template's {{item.pair}} has no value for element 2; nothing was published", missing.Detail);
        var unknown = await executor.ExecuteAsync(Context(new KafkaPublishAction(topic, "nobody", new TemplateMessages("x", []), null, new Dictionary<string, string>()), new Output()));
        Assert.StartsWith("partner 'nobody' is not configured under Kairos:Kafka:Partners (known: bank)", unknown.Detail, StringComparison.Ordinal);
        Assert.Empty(kafka.ReadAll(topic, 1, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task UnreachableBrokers_EveryMessageFails_WithTheReason_AndTheRunFails()
    {
        using var producer = new SharedProducer(new KafkaClients(Options, "127.0.0.1:1"));
        var output = new Output();
        var outcome = await Executor(producer).ExecuteAsync(Context(new KafkaPublishAction("nowhere", "bank",
            new TemplateMessages("{{item}}", [MessageItem.Scalar("a"), MessageItem.Scalar("b")]), null, new Dictionary<string, string>()), output));
        Assert.False(outcome.Succeeded);
        Assert.Contains("delivered 0 of 2 to nowhere", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("2 failed, first: Local: Message timed out", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains(output.Lines, l => l.StartsWith("message 1 (key none, correlation-id fx-requests@2026-11-23T00:00:00Z#1) not delivered", StringComparison.Ordinal));
    }

    private static KafkaPublishExecutor Executor(SharedProducer producer) =>
        new(producer, new PartnerPacers(Options, TimeProvider.System), new CommandExecutor(TimeProvider.System, new CommandJournalOptions { PollClock = TimeProvider.System, Root = Path.Combine(Path.GetTempPath(), "kairos-kafka-tests", Guid.NewGuid().ToString("N")) }), TimeProvider.System);

    private static CommandMessages Command(string script) =>
        new(new CommandAction([script], null, new Dictionary<string, string>(), UseShell: true));

    private static ActionContext Context(KafkaPublishAction action, Output output) =>
        new(new Run(42, "fx-requests", new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), TriggerKind.Time, new DateOnly(2026, 11, 23), RunState.Running, 1,
                DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
            new Job("fx-requests", null, action, TimeSpan.FromMinutes(1), RetryPolicy.None, OverlapPolicy.Forbid, MisfirePolicy.Default),
            output);

    private sealed class Output : IRunOutput
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => _lines.ToArray();

        public void Write(LogStream stream, string line) => _lines.Enqueue(line);
    }
}
