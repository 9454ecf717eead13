using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Dapper;
using Kairos.Core.Jobs;
using Kairos.Core.Messages;
using Kairos.Core.Pacing;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Executors;
using Kairos.Kafka.Clients;
using Kairos.Kafka.Consuming;
using Kairos.Kafka.Native;
using Kairos.Kafka.Publishing;
using Kairos.Store.Postgres;
using Kairos.Store.Sqlite;
using Kairos.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Bench;

/// <summary>
/// Kafka figures on the mock cluster over loopback TCP, each Kairos path beside a bare Confluent.Kafka loop (the ceiling)
/// in the same run: publish throughput, pacing accuracy, and consumer throughput through the inbox on SQLite and PostgreSQL.
/// </summary>
internal static class KafkaScenarios
{
    public static async Task<IReadOnlyList<string>> RunAsync(int messages, int pacedRate)
    {
        using var cluster = MockCluster.Start(brokers: 1);
        var clients = new KafkaClients(new KafkaOptions { Partners = { ["partner"] = new PartnerOptions { Rate = pacedRate, MaxInFlight = 50 } } }, cluster.BootstrapServers);
        var lines = new List<string>();
        void Emit(object o) { var line = JsonSerializer.Serialize(o); lines.Add(line); Console.Error.WriteLine(line); }

        cluster.CreateTopic("bare", 4);
        cluster.CreateTopic("warm-up", 1);
        using (var warm = clients.Producer())
        {
            // Connections, metadata and the JIT are paid here, not by whichever scenario runs first.
            for (var i = 0; i < 2000; i++) warm.Produce("warm-up", new Message<string?, byte[]> { Value = [1] });
            warm.Flush(TimeSpan.FromSeconds(30));
        }
        Emit(Publish("bare-confluent-produce", messages, () =>
        {
            using var producer = clients.Producer();
            var failed = 0;
            for (var i = 0; i < messages; i++)
            {
                var message = new Message<string?, byte[]> { Key = $"k{i % 64}", Value = Encoding.UTF8.GetBytes($"{{\"pair\":\"P{i}\",\"date\":\"2026-11-23\"}}") };
                while (true)
                {
                    try { producer.Produce("bare", message, r => { if (r.Error.IsError) Interlocked.Increment(ref failed); }); break; }
                    catch (ProduceException<string?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull) { producer.Poll(TimeSpan.FromMilliseconds(10)); }
                }
            }
            producer.Flush(TimeSpan.FromSeconds(60));
            return failed;
        }));

        cluster.CreateTopic("kairos", 4);
        using var shared = new SharedProducer(clients);
        var executor = new KafkaPublishExecutor(shared, new PartnerPacers(clients.Options, TimeProvider.System), new CommandExecutor(TimeProvider.System, new CommandJournalOptions { Root = Path.Combine(Path.GetTempPath(), "kairos-bench", Guid.NewGuid().ToString("N")), PollClock = TimeProvider.System }), TimeProvider.System);
        var items = Enumerable.Range(0, messages).Select(i => MessageItem.Scalar($"P{i}")).ToList();
        Emit(Publish("kairos-publish-unpaced", messages, () =>
        {
            var outcome = executor.ExecuteAsync(Context(new KafkaPublishAction("kairos", null, new TemplateMessages("{\"pair\":\"{{item}}\",\"date\":\"{{businessDate}}\"}", items), "{{item}}", new Dictionary<string, string>()))).GetAwaiter().GetResult();
            return outcome.Succeeded ? 0 : messages;
        }));

        cluster.CreateTopic("paced", 4);
        var pacedCount = pacedRate * 5;
        var watch = Stopwatch.StartNew();
        var paced = await executor.ExecuteAsync(Context(new KafkaPublishAction("paced", "partner", new TemplateMessages("{{item}}", items.Take(pacedCount).ToList()), "{{item}}", new Dictionary<string, string>())));
        var pacedSeconds = watch.Elapsed.TotalSeconds;
        var stamps = ReadTimestamps(clients, "paced", 4, pacedCount);
        Emit(new
        {
            scenario = "kairos-publish-paced", messages = pacedCount, configured_rate = pacedRate, delivered = paced.Succeeded,
            busiest_second = PaceMeasure.BusiestSecond(stamps), seconds = Math.Round(pacedSeconds, 2),
            achieved_rate = Math.Round(pacedCount / pacedSeconds, 1),
        });

        Emit(Consume("bare-confluent-consume", messages, () =>
        {
            using var consumer = clients.Consumer("bare-reader");
            consumer.Subscribe("bare");
            var seen = 0;
            long first = 0;
            while (seen < messages)
            {
                if (consumer.Consume(TimeSpan.FromSeconds(1)) is { Message: not null } r)
                {
                    if (seen++ == 0) first = Stopwatch.GetTimestamp();
                    consumer.StoreOffset(r);
                }
            }
            consumer.Commit();
            consumer.Close();
            return first;
        }));

        foreach (var (storeName, store) in new[] { ("sqlite", (IKairosStore)SqliteStore.Open(TestServers.NewSqlitePath())), ("postgres", PostgresStore.Open(TestServers.NewPostgresDatabase())) })
        {
            await using var s = store;
            await s.MigrateAsync();
            var worker = new KafkaConsumerWorker(new ConsumerSettings($"inbox-{storeName}", "kairos") { CommitInterval = TimeSpan.FromMilliseconds(500) },
                new RowPerMessage(), clients, s.Inbox, TimeProvider.System, NullLogger.Instance);
            Emit(Consume($"kairos-consume-inbox-{storeName}", messages, () =>
            {
                using var stop = new CancellationTokenSource();
                var running = worker.RunAsync(stop.Token);
                while (worker.Stats.Processed == 0) Thread.Sleep(1);
                var first = Stopwatch.GetTimestamp();
                while (worker.Stats.Processed + worker.Stats.Duplicates < messages) Thread.Sleep(5);
                stop.Cancel();
                running.GetAwaiter().GetResult();
                return first;
            }));
        }

        foreach (var result in await RelayLatencyScenario.RunAsync(cluster, requests: 1000, rate: 50)) Emit(result);
        return lines;
    }

    private static object Publish(string name, int messages, Func<int> run)
    {
        var before = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        var failed = run();
        var seconds = watch.Elapsed.TotalSeconds;
        return new
        {
            scenario = name, messages, failed, seconds = Math.Round(seconds, 3), per_second = Math.Round(messages / seconds),
            allocated_mb = Math.Round((GC.GetTotalAllocatedBytes() - before) / 1048576.0, 1),
        };
    }

    // Timed from the first message: joining the group (seconds on the mock cluster) is not throughput.
    private static object Consume(string name, int messages, Func<long> run)
    {
        var watch = Stopwatch.StartNew();
        var first = run();
        var total = watch.Elapsed.TotalSeconds;
        var seconds = Stopwatch.GetElapsedTime(first).TotalSeconds;
        return new { scenario = name, messages, seconds = Math.Round(seconds, 3), per_second = Math.Round(messages / seconds), with_group_join_seconds = Math.Round(total, 3) };
    }

    private static List<DateTimeOffset> ReadTimestamps(KafkaClients clients, string topic, int partitions, int count)
    {
        using var consumer = clients.Consumer("stamps");
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var stamps = new List<DateTimeOffset>();
        while (stamps.Count < count && consumer.Consume(TimeSpan.FromSeconds(5)) is { Message: not null } r) stamps.Add(r.Message.Timestamp.UtcDateTime);
        return stamps;
    }

    private static ActionContext Context(KafkaPublishAction action) =>
        new(new Run(1, "bench", DateTimeOffset.UnixEpoch, TriggerKind.Manual, new DateOnly(2026, 11, 23), RunState.Running, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
            new Job("bench", null, action, TimeSpan.FromMinutes(10), RetryPolicy.None, OverlapPolicy.Allow, MisfirePolicy.Default), new NullOutput());

    private sealed class NullOutput : IRunOutput
    {
        public void Write(LogStream stream, string line) { }
    }

    /// <summary>The least a real handler does: one row written in the inbox transaction.</summary>
    private sealed class RowPerMessage : IMessageHandler
    {
        public async Task HandleAsync(ConsumedMessage message, IStoreTransaction transaction, CancellationToken cancellationToken)
        {
            await transaction.Connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS bench_rates (id TEXT NOT NULL, value TEXT NOT NULL)", transaction: transaction.Transaction);
            await transaction.Connection.ExecuteAsync("INSERT INTO bench_rates (id, value) VALUES (@id, @value)",
                new { id = message.Id, value = message.Text }, transaction.Transaction);
        }
    }

    public static string Describe(int messages, int rate) => string.Create(CultureInfo.InvariantCulture, $"{messages} messages; paced at {rate}/s for {rate * 5}; relay latency over 1000 requests at 50/s");
}
