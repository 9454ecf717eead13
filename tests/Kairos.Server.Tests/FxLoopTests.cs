using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Kairos.Client.Contracts;
using Kairos.Core.Messages;
using Kairos.Examples.PartnerStub;
using Kairos.Server.Consumers;
using Kairos.Server.Kafka;
using Kairos.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests;

/// <summary>
/// The shipped FX example, whole: the publishing job, the relay and the rates consumer as worker processes started by
/// the supervisor, the partner stub over HTTP, and the error-triggered job, on the server's embedded Kafka.
/// </summary>
[Collection(FxLoopCollection.Name)]
public sealed class FxLoopTests : IAsyncLifetime
{
    private readonly PartnerStub _partner = new();
    private WebApplication _stub = null!;
    private ServerFixture _server = null!;

    public async Task InitializeAsync()
    {
        var stubUrl = $"http://127.0.0.1:{TestServers.FreePort()}";
        _stub = await PartnerStubEndpoints.StartAsync(_partner, stubUrl);

        var examples = Path.Combine(TestServers.RepoRoot(), "examples");
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            // Started held: on a business day the job's own every-minute slot would add a second set of rates whenever
            // a minute turned during the test. A held job's slots are skipped; the test's trigger still runs.
            ["fx-rate-requests.yaml"] = await File.ReadAllTextAsync(Path.Combine(examples, "fx-rate-requests.yaml")) + "\nheld: true\n",
            ["fx-rate-errors.yaml"] = await File.ReadAllTextAsync(Path.Combine(examples, "fx-rate-errors.yaml")),
        }, extraArgs:
        [
            "--config", Path.Combine(examples, "kairos.json"),
            "--Kairos:Consumers:fx-relay:Relay:Url", stubUrl + "/rates",
            // Generous: DOWNKRW must come back as the partner's 503. Under a loaded CI machine a worker's call to the stub
            // once took over 0.5 s and the error read "no answer" instead; no pair in these tests is slow on purpose.
            "--Kairos:Consumers:fx-relay:Relay:Timeout", "00:00:10",
            "--Kairos:Supervisor:Interval", "00:00:01",
            // A killed worker holds its partitions until the group gives up on it: 6 s here rather than librdkafka's 45 s.
            "--Kairos:Kafka:Client:session.timeout.ms", "6000",
        ]);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task PublishingJob_Relay_Partner_Responses_RatesStored_ErrorsTriggerAJob()
    {
        var run = await _server.Client.TriggerAsync("fx-rate-requests", "2026-11-23", "test the loop");
        Assert.StartsWith("delivered 5 of 5 to fx.requests", (await WaitForAsync(() => _server.Client.GetRunAsync(run.RunId), r => r.State is "succeeded" or "failed", "the publishing run")).Detail, StringComparison.Ordinal);

        var rates = await WaitForAsync(() => _server.Client.GetLatestValuesAsync("fx-rates"), v => v.Count == 5, "five stored rates");
        Assert.Equal(["CNYKRW", "EURKRW", "GBPKRW", "JPYKRW", "USDKRW"], rates.Select(r => r.Key));
        Assert.All(rates, r => Assert.Equal(("2026-11-23", 1L), (r.BusinessDate, r.Updates)));
        Assert.Contains("\"rate\":", rates.Single(r => r.Key == "USDKRW").Value, StringComparison.Ordinal);
        Assert.StartsWith("fx-rate-requests@2026-11-23#", rates[0].MessageId, StringComparison.Ordinal); // named by its business date, not its run
        Assert.Equal(5, _partner.Calls.Count);

        // The relay's workers were started by the supervisor (lag on fx.requests), and its consumers page says so.
        var consumers = await _server.Client.GetConsumersAsync();
        Assert.Equal(["fx-rates", "fx-relay"], consumers.Select(c => c.Name));
        Assert.All(consumers, c => Assert.Null(c.Error));
        Assert.True(consumers.Single(c => c.Name == "fx-rates").Workers >= 1);
        Assert.Equal(5, consumers.Single(c => c.Name == "fx-relay").Processed);

        // A request the partner cannot answer comes back as an error, which runs fx-rate-errors once.
        var clients = _server.App.Services.GetRequiredService<KafkaConnection>().Clients;
        using (var producer = clients.Producer("test"))
        {
            await producer.ProduceAsync("fx.requests", new Message<string?, byte[]>
            {
                Key = "DOWNKRW", Value = """{"pair":"DOWNKRW","date":"2026-11-23"}"""u8.ToArray(),
                Headers = new Headers { { MessageHeaders.CorrelationId, "test:1:1"u8.ToArray() }, { MessageHeaders.BusinessDate, "2026-11-23"u8.ToArray() } },
            });
        }
        var errorRuns = await WaitForAsync(() => _server.Client.ListRunsAsync("fx-rate-errors"), r => r is [{ State: "succeeded" }], "the error-triggered run");
        var logs = await _server.Client.GetLogsAsync(errorRuns[0].Id);
        Assert.Contains(logs, l => l.Text.StartsWith("no rate for DOWNKRW on 2026-11-23: ", StringComparison.Ordinal) && l.Text.Contains("the partner answered 503", StringComparison.Ordinal));
        Assert.Equal(5, (await _server.Client.GetLatestValuesAsync("fx-rates")).Count);
    }

    private const int Answers = 3000;

    [Fact]
    public async Task RatesWorkerKilledMidStream_IsReplaced_AndNoResponseCountsTwice()
    {
        var supervisor = _server.App.Services.GetRequiredService<ConsumerSupervisor>();
        var started = await WaitForAsync(() => Task.FromResult(supervisor.States["fx-rates"].Pids), p => p.Count >= 1, "the rates worker");
        // The workers are the kairos-worker executable found beside the server's, not a mode of the server.
        Assert.Contains("kairos-worker.dll\0fx-rates\0", await File.ReadAllTextAsync($"/proc/{started[0]}/cmdline"), StringComparison.Ordinal);

        // 3,000 answers over 30 pairs, as the relay would publish them: enough that the kill lands mid-stream (600 were
        // sometimes all processed between two looks at the count).
        var clients = _server.App.Services.GetRequiredService<KafkaConnection>().Clients;
        using (var producer = clients.Producer("test"))
        {
            for (var i = 0; i < Answers; i++)
            {
                producer.Produce("fx.responses", new Message<string?, byte[]>
                {
                    Key = $"P{i % 30:00}KRW", Value = Encoding.UTF8.GetBytes($$"""{"rate":{{i}}}"""),
                    Headers = new Headers { { MessageHeaders.CorrelationId, Encoding.UTF8.GetBytes($"load:1:{i}") }, { MessageHeaders.RelayOutcome, "response"u8.ToArray() } },
                });
            }
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        var store = _server.App.Services.GetRequiredService<Kairos.Core.Ports.IKairosStore>();
        await WaitForAsync(() => store.Inbox.CountAsync("fx-rates"), n => n >= 50, "some answers processed");
        var victims = supervisor.States["fx-rates"].Pids;
        foreach (var pid in victims) Kairos.Executors.PosixSignals.ForceKill(pid); // no goodbye: nothing committed since the last commit
        var processedAtKill = await store.Inbox.CountAsync("fx-rates");

        // Only this test's pairs: the example's publishing job runs every minute on business days and adds its own.
        async Task<List<Kairos.Client.Contracts.LatestValueDto>> LoadValuesAsync() =>
            [.. (await _server.Client.GetLatestValuesAsync("fx-rates")).Where(v => v.MessageId.StartsWith("load:", StringComparison.Ordinal))];
        var values = await WaitForAsync(LoadValuesAsync, v => v.Sum(x => x.Updates) >= Answers && v.Count == 30, $"all {Answers} answers", TimeSpan.FromSeconds(120));
        Assert.True(processedAtKill < Answers, $"the worker had processed all {processedAtKill} before it was killed; the test proves nothing");
        Assert.Equal(Answers, values.Sum(v => v.Updates));
        Assert.All(values, v => Assert.Equal(Answers / 30, v.Updates));
        // The inbox also holds the example job's answers; one may land between the reads, so count them on both sides.
        async Task<long> OthersAsync() => (await _server.Client.GetLatestValuesAsync("fx-rates")).Where(v => !v.MessageId.StartsWith("load:", StringComparison.Ordinal)).Sum(v => v.Updates);
        var (before, inbox, after) = (await OthersAsync(), await store.Inbox.CountAsync("fx-rates"), await OthersAsync());
        Assert.Contains(Answers, new[] { inbox - before, inbox - after });
        var state = supervisor.States["fx-rates"];
        Assert.True(state.Restarts >= 1, "the supervisor did not notice the killed worker");
        Assert.DoesNotContain(state.Pids, victims.Contains);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        T value;
        while (!done(value = await read()))
        {
            if (clock.Elapsed > (within ?? TimeSpan.FromSeconds(90))) throw new TimeoutException($"waited {clock.Elapsed.TotalSeconds:0} s for {what}; last saw {System.Text.Json.JsonSerializer.Serialize(value)}");
            await Task.Delay(200);
        }
        return value;
    }
}

/// <summary>The loop starts worker processes and pushes hundreds of messages: it runs alone, not beside the browser tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FxLoopCollection
{
    public const string Name = "FX loop (worker processes)";
}
