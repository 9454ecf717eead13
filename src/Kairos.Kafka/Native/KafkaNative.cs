using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Kairos.Kafka.Native;

/// <summary>
/// Loads librdkafka from the librdkafka.redist package before the first Kafka client is made, and points both
/// Confluent.Kafka and Kairos's own mock-cluster calls at that one file: the mock cluster lives inside a client handle,
/// so the two must share one copy of the library's state.
/// </summary>
public static class KafkaNative
{
    // The package's default build links libsasl2.so.3, which Debian 12 lacks; its centos8 build does not, so it comes
    // next. The alpine build only loads on musl.
    private static readonly string[] Builds = ["librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so"];
    private static readonly Lock Gate = new();
    private static string? _loaded;

    /// <summary>The library in use, once <see cref="EnsureLoaded"/> has run.</summary>
    public static string? LoadedPath => _loaded;

    /// <summary>Loads librdkafka once per process; later calls return the same path.</summary>
    /// <exception cref="InvalidOperationException">None of the package's builds loads; the message lists why.</exception>
    public static string EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded is not null) return _loaded;
            var (path, handle) = LoadFirst();
            // Confluent.Kafka imports "librdkafka", "centos8-librdkafka" or "alpine-librdkafka" (and "libdl", which
            // Debian has only as libdl.so.2); every name goes to the one loaded file.
            DllImportResolver resolver = (name, _, _) => name switch
            {
                "libdl" => NativeLibrary.Load("libdl.so.2"),
                "librdkafka" or "centos8-librdkafka" or "alpine-librdkafka" => handle,
                _ => IntPtr.Zero,
            };
            NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, resolver);
            NativeLibrary.SetDllImportResolver(typeof(KafkaNative).Assembly, resolver);
            Library.Load(path);
            _loaded = path;
            return path;
        }
    }

    private static (string Path, IntPtr Handle) LoadFirst()
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("Kairos loads librdkafka from the librdkafka.redist package's Linux builds only.");
        var failures = new List<string>();
        foreach (var path in Candidates())
        {
            if (!File.Exists(path)) continue;
            try
            {
                return (path, NativeLibrary.Load(path));
            }
            catch (DllNotFoundException e)
            {
                failures.Add($"{path}: {e.Message}");
            }
        }
        throw new InvalidOperationException(failures.Count == 0
            ? $"librdkafka was not found under {AppContext.BaseDirectory}: the librdkafka.redist package's runtimes/{Rid}/native files are missing from the build output."
            : "No build of librdkafka from the librdkafka.redist package loads here:\n" + string.Join('\n', failures));
    }

    // A build without a runtime identifier keeps the package's runtimes/ folder; a RID-specific publish flattens it.
    private static IEnumerable<string> Candidates() =>
        from dir in new[] { Path.Combine(AppContext.BaseDirectory, "runtimes", Rid, "native"), AppContext.BaseDirectory }
        from build in Builds
        select Path.Combine(dir, build);

    private static string Rid => $"linux-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
}
