using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Kairos.Core.Jobs;
using Kairos.Core.Messages;
using Kairos.Core.Ports;
using Kairos.Core.Triggers;
using Kairos.Kafka.Consuming;
using Kairos.Kafka.Triggers;
using Kairos.Store.Postgres;
using Kairos.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kairos.Kafka.Tests;

/// <summary>An event trigger on a real PostgreSQL store that goes away for half a minute while messages arrive.</summary>
public sealed class TriggerOutageTests(KafkaTestCluster kafka) : IClassFixture<KafkaTestCluster>
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private const int SentDuringOutage = 5;

    [Fact]
    public async Task StoreDownThirtySeconds_MessagesSentMeanwhile_EachCreatesOneRunAfterRecovery_NoneDeadLettered()
    {
        using var postgres = new StoppablePostgres();
        await using var store = PostgresStore.Open(postgres.ConnectionString);
        await store.MigrateAsync();
        var topic = kafka.NewTopic();
        var job = new Job("outage-job", null, new CommandAction(["true"], null, new Dictionary<string, string>()), TimeSpan.FromMinutes(1),
            RetryPolicy.None, OverlapPolicy.Allow, MisfirePolicy.Default, Trigger: new EventTrigger(topic, null, new Dictionary<string, string>()));
        var settings = new ConsumerSettings(EventRunHandler.ConsumerName(job.Id), topic) { Backoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(2) };
        var worker = new KafkaConsumerWorker(settings, new EventRunHandler(job, store.Runs, TimeProvider.System), kafka.Clients(), store.Inbox, TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);
        using var producer = kafka.Clients().Producer();

        await SendAsync(producer, topic, "before");
        await WaitAsync(() => worker.Stats.Processed == 1, TimeSpan.FromSeconds(60), () => $"processed {worker.Stats.Processed}");

        postgres.Stop();
        var down = Stopwatch.StartNew();
        var sawPause = false;
        // Three at once (fetched together, so two wait in the consumer's queue when the first fails), then two more while paused.
        for (var i = 1; i <= SentDuringOutage; i++)
        {
            await SendAsync(producer, topic, $"during-{i}");
            if (i < 3) continue;
            await Task.Delay(TimeSpan.FromSeconds(3));
            sawPause |= worker.IsPaused;
        }
        while (down.Elapsed < Outage)
        {
            sawPause |= worker.IsPaused;
            await Task.Delay(200);
        }
        Assert.True(sawPause, "the consumer never paused while the store was down");
        Assert.Equal((1, 0L), (worker.Stats.Processed, worker.Stats.DeadLettered));
        postgres.Start();

        await WaitAsync(() => worker.Stats.Processed == 1 + SentDuringOutage, TimeSpan.FromSeconds(60),
            () => $"processed {worker.Stats.Processed}, dead-lettered {worker.Stats.DeadLettered}, paused {worker.IsPaused}");
        await stop.CancelAsync();
        await running;

        Assert.False(worker.IsPaused);
        Assert.Equal(0L, worker.Stats.DeadLettered);
        Assert.Empty(kafka.ReadAll(settings.DeadLetters, 1, TimeSpan.FromSeconds(2)));
        var runsPerMessage = await RunsPerMessageAsync(postgres.ConnectionString, job.Id);
        Assert.Equal(["before", .. Enumerable.Range(1, SentDuringOutage).Select(i => $"during-{i}")], runsPerMessage.Keys.Order(StringComparer.Ordinal));
        Assert.All(runsPerMessage, m => Assert.Equal(1, m.Value));
    }

    private static Task SendAsync(IProducer<string?, byte[]> producer, string topic, string id) =>
        producer.ProduceAsync(topic, new Message<string?, byte[]>
        {
            Key = id, Value = Encoding.UTF8.GetBytes(id),
            Headers = new Headers { { MessageHeaders.CorrelationId, Encoding.UTF8.GetBytes(id) } },
        });

    private static async Task<Dictionary<string, int>> RunsPerMessageAsync(string connectionString, string jobId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT m.message_id, count(*) FROM runs r JOIN run_messages m ON m.run_id = r.id WHERE r.job_id = @job GROUP BY m.message_id", connection);
        command.Parameters.AddWithValue("job", jobId);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = (int)reader.GetInt64(1);
        return counts;
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan within, Func<string> state)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < within, "timed out waiting: " + state());
            await Task.Delay(100);
        }
    }
}
