using System.Runtime.InteropServices;

namespace Kairos.Kafka.Native;

/// <summary>
/// Blocks every signal on the calling thread until disposed. A thread inherits its creator's signal mask; librdkafka
/// blocks all signals around the threads rd_kafka_new makes, but the mock cluster's broker thread is made by
/// rd_kafka_mock_cluster_new without that, and so would inherit the .NET thread's empty mask. Then SIGCHLD from every
/// exiting job process may land on it and interrupt its poll(), which the mock cluster treats as fatal. Created with
/// everything blocked, librdkafka's threads leave every signal to the runtime's own threads.
/// </summary>
internal sealed partial class SignalMask : IDisposable
{
    private const int SigSetMask = 2;
    // glibc's sigset_t is 1024 bits.
    private const int SigSetBytes = 128;
    private readonly byte[] _previous = new byte[SigSetBytes];

    private SignalMask()
    {
        var all = new byte[SigSetBytes];
        Check(sigfillset(all), "sigfillset");
        Check(pthread_sigmask(SigSetMask, all, _previous), "pthread_sigmask");
    }

    /// <summary>Blocks every signal on this thread; dispose on the same thread to restore its mask.</summary>
    public static SignalMask BlockAll() => new();

    public void Dispose() => Check(pthread_sigmask(SigSetMask, _previous, null), "pthread_sigmask");

    private static void Check(int result, string call)
    {
        if (result != 0) throw new InvalidOperationException($"{call} failed ({result}): the mock cluster's threads would not be shielded from signals.");
    }

    [LibraryImport("libc.so.6")]
    private static partial int sigfillset([Out] byte[] set);

    [LibraryImport("libc.so.6")]
    private static partial int pthread_sigmask(int how, [In] byte[] set, [Out] byte[]? oldSet);
}
