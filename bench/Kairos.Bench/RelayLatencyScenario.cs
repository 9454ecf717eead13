using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Kairos.Core.Messages;
using Kairos.Examples.PartnerStub;
using Kairos.Kafka.Clients;
using Kairos.Kafka.Consuming;
using Kairos.Kafka.Native;
using Kairos.Kafka.Relay;
using Kairos.Store.Sqlite;
using Kairos.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Bench;

/// <summary>
/// End-to-end latency of one request through the partner loop: produced to the request topic, consumed, sent to the
/// partner stub over HTTP, answered on the response topic, read back. Kairos's relay (inbox on SQLite, Polly pipeline)
/// beside a bare loop of Confluent.Kafka consume, HttpClient POST and produce, in the same run, at a steady send rate
/// so the figures are the loop's own time, not a queue's.
/// </summary>
internal static class RelayLatencyScenario
{
    public static async Task<IReadOnlyList<object>> RunAsync(MockCluster cluster, int requests, int rate)
    {
        // The mock cluster answers a fetch only when fetch.wait.max.ms (500 ms) runs out, not when data arrives: with the
        // default, every hop would measure that wait. Both loops get the same short wait, so the figures are their own.
        var clients = new KafkaClients(new KafkaOptions { Client = { ["fetch.wait.max.ms"] = "5" } }, cluster.BootstrapServers);
        var url = $"http://127.0.0.1:{TestServers.FreePort()}";
        await using var stub = await PartnerStubEndpoints.StartAsync(new PartnerStub(), url);
        using var http = new HttpClient();

        var results = new List<object>();
        foreach (var kind in new[] { "bare", "kairos" })
        {
            var (requestsTopic, responsesTopic) = ($"lat-{kind}-req", $"lat-{kind}-resp");
            cluster.CreateTopic(requestsTopic, 1);
            cluster.CreateTopic(responsesTopic, 1);
            using var stop = new CancellationTokenSource();
            Task loop;
            IDisposable? resources = null;
            if (kind == "bare")
            {
                loop = Task.Factory.StartNew(() => BareLoop(clients, http, url + "/rates", requestsTopic, responsesTopic, stop.Token), TaskCreationOptions.LongRunning);
            }
            else
            {
                var store = SqliteStore.Open(TestServers.NewSqlitePath());
                await store.MigrateAsync();
                var relay = new RelayHandler("lat", new RelayOptions { Url = url + "/rates", ResponseTopic = responsesTopic }, http, null, clients, TimeProvider.System, NullLogger.Instance);
                resources = relay;
                loop = new KafkaConsumerWorker(new ConsumerSettings("lat-relay", requestsTopic), relay, clients, store.Inbox, TimeProvider.System, NullLogger.Instance).RunAsync(stop.Token);
            }
            var latencies = await MeasureAsync(clients, requestsTopic, responsesTopic, requests, rate);
            await stop.CancelAsync();
            try { await loop; } catch (OperationCanceledException) { }
            resources?.Dispose();
            var sorted = latencies.Order().ToArray();
            double P(double p) => Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 2);
            results.Add(new
            {
                scenario = kind == "bare" ? "bare-consume-http-produce" : "kairos-relay-inbox-sqlite",
                requests, answered = sorted.Length, send_rate = rate, latency_p50_ms = P(0.50), latency_p99_ms = P(0.99), latency_max_ms = P(1.0),
            });
        }
        return results;
    }

    // Sends at a steady rate and times each answer by its correlation id, from just before its request was handed to
    // the producer to when the reader saw the answer.
    private static async Task<List<double>> MeasureAsync(KafkaClients clients, string requestsTopic, string responsesTopic, int requests, int rate)
    {
        var sent = new ConcurrentDictionary<string, long>();
        var latencies = new List<double>();
        var warmedUp = new TaskCompletionSource();
        using var reader = clients.Consumer("lat-reader-" + responsesTopic);
        reader.Assign(new TopicPartitionOffset(responsesTopic, 0, Offset.Beginning));
        var reading = Task.Factory.StartNew(() =>
        {
            var deadline = Stopwatch.StartNew();
            while (latencies.Count < requests && deadline.Elapsed < TimeSpan.FromSeconds(60 + requests / rate))
            {
                if (reader.Consume(TimeSpan.FromMilliseconds(100)) is not { Message: not null } r) continue;
                var id = Encoding.UTF8.GetString(r.Message.Headers.GetLastBytes(MessageHeaders.CorrelationId));
                if (id == "warm-up") warmedUp.TrySetResult();
                else if (sent.TryGetValue(id, out var at)) latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            }
        }, TaskCreationOptions.LongRunning);
        using var producer = clients.Producer("lat-sender");
        void Send(string id)
        {
            producer.Produce(requestsTopic, new Message<string?, byte[]>
            {
                Key = "USDKRW", Value = """{"pair":"USDKRW","date":"2026-11-23"}"""u8.ToArray(),
                Headers = new Headers { { MessageHeaders.CorrelationId, Encoding.UTF8.GetBytes(id) } },
            });
            producer.Flush(TimeSpan.FromSeconds(5));
        }
        // The first request pays for the group join, connections and the JIT; timing starts once it is answered.
        Send("warm-up");
        await warmedUp.Task.WaitAsync(TimeSpan.FromSeconds(60));
        for (var i = 0; i < requests; i++)
        {
            var id = $"lat:{i}";
            sent[id] = Stopwatch.GetTimestamp();
            Send(id);
            await Task.Delay(TimeSpan.FromSeconds(1.0 / rate));
        }
        await reading;
        return latencies;
    }

    private static void BareLoop(KafkaClients clients, HttpClient http, string url, string requestsTopic, string responsesTopic, CancellationToken stop)
    {
        using var consumer = clients.Consumer("lat-bare");
        using var producer = clients.Producer("lat-bare-answers");
        consumer.Subscribe(requestsTopic);
        while (!stop.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not { Message: not null } r) continue;
            using var response = http.PostAsync(url, new ByteArrayContent(r.Message.Value) { Headers = { ContentType = new("application/json") } }, stop).GetAwaiter().GetResult();
            var body = response.Content.ReadAsByteArrayAsync(stop).GetAwaiter().GetResult();
            producer.ProduceAsync(responsesTopic, new Message<string?, byte[]> { Key = r.Message.Key, Value = body, Headers = r.Message.Headers }, stop).GetAwaiter().GetResult();
            consumer.Commit(r);
        }
        consumer.Close();
    }
}
