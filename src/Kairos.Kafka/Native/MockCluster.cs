using System.Runtime.InteropServices;

namespace Kairos.Kafka.Native;

/// <summary>
/// librdkafka's mock cluster: an in-memory broker set that speaks the Kafka protocol on loopback TCP ports, so any
/// Kafka client in any process can use it. Kairos starts one as the embedded Kafka when no bootstrap servers are
/// configured, and tests inject faults through it. It keeps nothing on disk: a restart loses every message.
/// </summary>
public sealed partial class MockCluster : IDisposable
{
    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;
    private bool _disposed;

    private MockCluster(IntPtr handle, IntPtr cluster, int brokers)
    {
        _handle = handle;
        _cluster = cluster;
        Brokers = brokers;
        BootstrapServers = Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap address.");
    }

    /// <summary>The addresses to give clients, such as <c>127.0.0.1:40213,127.0.0.1:40215</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>How many brokers the cluster has; their ids are 1 to this number.</summary>
    public int Brokers { get; }

    /// <summary>Starts a cluster of <paramref name="brokers"/> brokers on free loopback ports.</summary>
    public static MockCluster Start(int brokers = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        KafkaNative.EnsureLoaded();
        var conf = rd_kafka_conf_new();
        var error = new byte[512];
        IntPtr handle, cluster;
        // The threads made here inherit this thread's signal mask: see SignalMask.
        using (SignalMask.BlockAll())
        {
            // A producer handle only hosts the cluster's threads; it never produces.
            handle = rd_kafka_new(0, conf, error, (UIntPtr)error.Length);
            cluster = handle == IntPtr.Zero ? IntPtr.Zero : rd_kafka_mock_cluster_new(handle, brokers);
        }
        if (handle == IntPtr.Zero)
            throw new InvalidOperationException($"Could not start the mock cluster: {System.Text.Encoding.UTF8.GetString(error).TrimEnd('\0')}");
        if (cluster == IntPtr.Zero)
        {
            rd_kafka_destroy(handle);
            throw new InvalidOperationException("Could not start the mock cluster.");
        }
        return new MockCluster(handle, cluster, brokers);
    }

    /// <summary>Creates a topic (the mock cluster would otherwise make one on first use, with its default partition count).</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var code = rd_kafka_mock_topic_create(_cluster, topic, partitions, Math.Min(replicationFactor, Brokers));
        if (code != 0) throw new InvalidOperationException($"Could not create topic {topic} on the mock cluster (error {code}).");
    }

    /// <summary>
    /// Takes a broker down for good: its connections close and it refuses new ones. There is deliberately no way back
    /// up: librdkafka binds the broker's old port again on the way up and aborts the whole process when another
    /// socket took that port meanwhile, which a busy machine does now and then. Fail over instead
    /// (<see cref="SetPartitionLeader"/>, <see cref="SetGroupCoordinator"/>), as a real cluster would.
    /// </summary>
    public void BrokerDown(int brokerId) => Check(rd_kafka_mock_broker_set_down(_cluster, brokerId), "take down", brokerId);

    /// <summary>Makes <paramref name="brokerId"/> the coordinator of one consumer group.</summary>
    public void SetGroupCoordinator(string group, int brokerId) =>
        Check(rd_kafka_mock_coordinator_set(_cluster, "group", group, brokerId), "coordinate a group with", brokerId);

    /// <summary>Makes <paramref name="brokerId"/> the leader of one partition.</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(rd_kafka_mock_partition_set_leader(_cluster, topic, partition, brokerId), "lead a partition with", brokerId);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        rd_kafka_mock_cluster_destroy(_cluster);
        rd_kafka_destroy(_handle);
    }

    private void Check(int code, string what, int brokerId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (code != 0) throw new InvalidOperationException($"Could not {what} broker {brokerId} of the mock cluster (error {code}).");
    }

    [LibraryImport("librdkafka")]
    private static partial IntPtr rd_kafka_conf_new();

    [LibraryImport("librdkafka")]
    private static partial IntPtr rd_kafka_new(int type, IntPtr conf, [Out] byte[] errstr, UIntPtr errstrSize);

    [LibraryImport("librdkafka")]
    private static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport("librdkafka")]
    private static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport("librdkafka")]
    private static partial void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [LibraryImport("librdkafka")]
    private static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [LibraryImport("librdkafka", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport("librdkafka")]
    private static partial int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

    [LibraryImport("librdkafka", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_mock_coordinator_set(IntPtr cluster, string keyType, string key, int brokerId);

    [LibraryImport("librdkafka", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_mock_partition_set_leader(IntPtr cluster, string topic, int partition, int brokerId);
}
