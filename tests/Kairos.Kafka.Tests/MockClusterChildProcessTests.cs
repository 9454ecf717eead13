using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Kairos.Kafka.Native;

namespace Kairos.Kafka.Tests;

/// <summary>
/// The embedded cluster beside a process that starts many children, as a server running command jobs does: every
/// child that exits sends SIGCHLD to the process, and a broker thread that can receive it has its poll() interrupted.
/// </summary>
public sealed class MockClusterChildProcessTests
{
    private const int Children = 2000;
    private const int SigChld = 17;

    [Fact]
    public void MockCluster_Started_NoLibrdkafkaThreadCanReceiveSigchld()
    {
        using var cluster = MockCluster.Start(brokers: 1);
        // librdkafka names its threads rdk:main, rdk:broker…, rdk:mock; /proc shows each one's blocked-signal mask.
        // Other tests' threads come and go meanwhile: one that exits between the listing and the read is passed over.
        var threads = Directory.GetDirectories("/proc/self/task")
            .Select(ReadThread).OfType<(string Name, ulong Blocked)>()
            .Where(t => t.Name.StartsWith("rdk:", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(threads, t => t.Name == "rdk:mock");
        Assert.All(threads, t => Assert.True(((t.Blocked >> (SigChld - 1)) & 1) == 1, $"{t.Name} can receive SIGCHLD (blocked mask {t.Blocked:x16})"));
    }

    private static (string Name, ulong Blocked)? ReadThread(string task)
    {
        try
        {
            return (File.ReadAllText(Path.Combine(task, "comm")).Trim(), BlockedSignals(task));
        }
        catch (IOException)
        {
            return null; // the thread ended
        }
    }

    private static ulong BlockedSignals(string task)
    {
        var line = File.ReadAllLines(Path.Combine(task, "status")).Single(l => l.StartsWith("SigBlk:", StringComparison.Ordinal));
        return ulong.Parse(line["SigBlk:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task MockCluster_WhileTwoThousandChildProcessesExit_KeepsAnswering()
    {
        using var cluster = MockCluster.Start(brokers: 1);
        var topic = $"sigchld-{Guid.NewGuid():N}"[..20];
        cluster.CreateTopic(topic, partitions: 1);
        var clients = new Kairos.Kafka.Clients.KafkaClients(new Kairos.Kafka.Clients.KafkaOptions(), cluster.BootstrapServers);
        using var producer = clients.Producer("sigchld-test");
        using var stop = new CancellationTokenSource();
        var produced = 0;
        var producing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await producer.ProduceAsync(topic, new Message<string?, byte[]> { Value = Encoding.UTF8.GetBytes($"m{produced}") });
                produced++;
            }
        });

        await Task.Run(() =>
        {
            for (var i = 0; i < Children; i++)
            {
                using var child = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
                child.WaitForExit();
            }
        });
        await stop.CancelAsync();
        await producing.WaitAsync(TimeSpan.FromSeconds(30));

        // Still a broker: a fresh message goes in and every message produced comes out.
        await producer.ProduceAsync(topic, new Message<string?, byte[]> { Value = "last"u8.ToArray() }).WaitAsync(TimeSpan.FromSeconds(15));
        using var consumer = clients.Consumer($"sigchld-{Guid.NewGuid():N}");
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var read = 0;
        var deadline = Stopwatch.StartNew();
        while (read < produced + 1 && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null }) read++;
        }
        Assert.True(produced > 0, "nothing was produced while the children ran");
        Assert.Equal(produced + 1, read);
    }
}
