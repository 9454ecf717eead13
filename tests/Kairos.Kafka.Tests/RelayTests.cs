using System.Text;
using Confluent.Kafka;
using Kairos.Core.Messages;
using Kairos.Core.Pacing;
using Kairos.Core.Ports;
using Kairos.Examples.PartnerStub;
using Kairos.Kafka.Clients;
using Kairos.Kafka.Consuming;
using Kairos.Kafka.Publishing;
using Kairos.Kafka.Relay;
using Kairos.Store.Sqlite;
using Kairos.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Kafka.Tests;

/// <summary>The relay between the mock cluster and a real HTTP partner (the example's stub on a loopback port).</summary>
public sealed class RelayTests(KafkaTestCluster kafka) : IClassFixture<KafkaTestCluster>, IAsyncLifetime
{
    private readonly PartnerStub _partner = new();
    private WebApplication _stub = null!;
    private string _url = null!;
    private IKairosStore _store = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _url = $"http://127.0.0.1:{TestServers.FreePort()}";
        _stub = await PartnerStubEndpoints.StartAsync(_partner, _url);
        _store = SqliteStore.Open(TestServers.NewSqlitePath());
        await _store.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _stub.DisposeAsync();
        await _store.DisposeAsync();
    }

    // The stub's SLOW pairs answer after 3 s, so a 2 s timeout always cuts them off; a healthy answer gets 2 s, since
    // on a machine whose cores a CPU hog keeps busy one took over 500 ms and was retried (two calls where one is due).
    private RelayOptions Options(string responses) => new()
    {
        Url = _url + "/rates", ResponseTopic = responses, Timeout = TimeSpan.FromSeconds(2), Retries = 2, RetryDelay = TimeSpan.FromMilliseconds(20),
    };

    [Fact]
    public async Task EachRequest_GetsOneAnswerOrOneError_WithItsCorrelationIdAndBusinessDate()
    {
        var (requests, responses) = (kafka.NewTopic(prefix: "req"), kafka.NewTopic(prefix: "resp"));
        string[] pairs = ["USDKRW", "FLAKYKRW", "DOWNKRW", "SLOWKRW", "JUNKKRW"];
        await ProduceAsync(requests, pairs);
        var options = Options(responses);
        options.BreakAfter = 100; // six failed calls among the few here: keep the circuit out of this test
        var worker = await RelayUntilAsync(requests, options, null, w => w.Stats.Processed >= pairs.Length);

        var answers = kafka.ReadAll(responses, pairs.Length).ToDictionary(r => r.Message.Key!);
        Assert.Equal(pairs.Order(), answers.Keys.Order());
        Assert.All(answers.Values, r => Assert.Equal($"fx:1:{r.Message.Key}", KafkaTestCluster.Header(r, MessageHeaders.CorrelationId)));
        Assert.All(answers.Values, r => Assert.Equal("2026-11-23", KafkaTestCluster.Header(r, MessageHeaders.BusinessDate)));

        string Outcome(string pair) => KafkaTestCluster.Header(answers[pair], MessageHeaders.RelayOutcome);
        string Body(string pair) => Encoding.UTF8.GetString(answers[pair].Message.Value);
        Assert.Equal(("response", "response", "error", "error", "error"), (Outcome("USDKRW"), Outcome("FLAKYKRW"), Outcome("DOWNKRW"), Outcome("SLOWKRW"), Outcome("JUNKKRW")));
        Assert.Contains("\"rate\":", Body("USDKRW"), StringComparison.Ordinal);
        Assert.Equal("200", KafkaTestCluster.Header(answers["FLAKYKRW"], MessageHeaders.RelayStatus));
        Assert.Contains("the partner answered 503", KafkaTestCluster.Header(answers["DOWNKRW"], MessageHeaders.Error), StringComparison.Ordinal);
        Assert.Contains("no answer from", KafkaTestCluster.Header(answers["SLOWKRW"], MessageHeaders.Error), StringComparison.Ordinal);
        Assert.Contains("a body that is not JSON", KafkaTestCluster.Header(answers["JUNKKRW"], MessageHeaders.Error), StringComparison.Ordinal);
        Assert.Contains("\"request\":", Body("DOWNKRW"), StringComparison.Ordinal);

        // FLAKY failed twice and succeeded on the third try; DOWN and SLOW used all three tries; the others one.
        var calls = _partner.Calls.GroupBy(c => c.Pair).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal((1, 3, 3, 3, 1), (calls["USDKRW"], calls["FLAKYKRW"], calls["DOWNKRW"], calls["SLOWKRW"], calls["JUNKKRW"]));
        Assert.Equal(pairs.Length, await _store.Inbox.CountAsync("relay-" + requests));
        Assert.Equal(0, worker.Stats.DeadLettered);
    }

    [Fact]
    public async Task PartnerKeepsFailing_TheCircuitOpens_AndLaterRequestsAreAnsweredWithoutCallingIt()
    {
        var (requests, responses) = (kafka.NewTopic(prefix: "req"), kafka.NewTopic(prefix: "resp"));
        var pairs = Enumerable.Range(1, 12).Select(i => $"DOWN{i:00}").ToArray();
        await ProduceAsync(requests, pairs);
        var options = Options(responses);
        options.Retries = 0;
        options.BreakAfter = 4;
        options.BreakFor = TimeSpan.FromSeconds(30);
        await RelayUntilAsync(requests, options, null, w => w.Stats.Processed >= pairs.Length);

        var errors = kafka.ReadAll(responses, pairs.Length).Select(r => KafkaTestCluster.Header(r, MessageHeaders.Error)).ToList();
        Assert.Equal(pairs.Length, errors.Count);
        var open = errors.Count(e => e.Contains("circuit", StringComparison.Ordinal));
        Assert.True(open >= 6, $"{open} of {pairs.Length} requests were answered by the open circuit: {string.Join(" | ", errors)}");
        Assert.Equal(pairs.Length - open, _partner.Calls.Count);
    }

    [Fact]
    public async Task PartnersPace_NoOneSecondWindowOfCallsExceedsItsRate()
    {
        var (requests, responses) = (kafka.NewTopic(prefix: "req"), kafka.NewTopic(prefix: "resp"));
        var pairs = Enumerable.Range(1, 16).Select(i => $"USD{i:00}").ToArray();
        await ProduceAsync(requests, pairs);
        var pacer = new PartnerPacer("fx-partner", rate: 5, maxInFlight: 2, TimeProvider.System, Options(responses).PaceMargin);
        await RelayUntilAsync(requests, Options(responses), pacer, w => w.Stats.Processed >= pairs.Length, TimeSpan.FromSeconds(30));

        var calls = _partner.Calls.Select(c => c.At).Order().ToList();
        Assert.Equal(pairs.Length, calls.Count);
        Assert.True(PaceMeasure.BusiestSecond(calls) <= 5, $"busiest second had {PaceMeasure.BusiestSecond(calls)} calls");
        Assert.True(calls[^1] - calls[0] >= TimeSpan.FromSeconds(2), "16 calls at 5/s cannot take under 2 s");
    }

    private async Task<KafkaConsumerWorker> RelayUntilAsync(string requests, RelayOptions options, PartnerPacer? pacer, Func<KafkaConsumerWorker, bool> done, TimeSpan? within = null)
    {
        var clients = kafka.Clients();
        using var relay = new RelayHandler("relay-" + requests, options, _http, pacer, clients, TimeProvider.System, NullLogger.Instance);
        var worker = new KafkaConsumerWorker(new ConsumerSettings("relay-" + requests, requests), relay, clients, _store.Inbox, TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (!done(worker) && !running.IsCompleted && DateTime.UtcNow < deadline) await Task.Delay(50);
        await stop.CancelAsync();
        await running;
        Assert.True(done(worker), $"the relay did not finish: {worker.Stats.Processed} processed, {worker.Stats.Retries} retried, {worker.Stats.DeadLettered} dead-lettered");
        return worker;
    }

    private async Task ProduceAsync(string topic, IEnumerable<string> pairs)
    {
        using var producer = kafka.Clients().Producer();
        foreach (var pair in pairs)
        {
            await producer.ProduceAsync(topic, new Message<string?, byte[]>
            {
                Key = pair,
                Value = Encoding.UTF8.GetBytes($$"""{"pair":"{{pair}}","date":"2026-11-23"}"""),
                Headers = new Headers
                {
                    { MessageHeaders.CorrelationId, Encoding.UTF8.GetBytes("fx:1:" + pair) },
                    { MessageHeaders.BusinessDate, "2026-11-23"u8.ToArray() },
                },
            });
        }
    }
}
