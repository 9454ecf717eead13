using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Kairos.Kafka.Native;

/// <summary>
/// Finds and loads librdkafka before the first Kafka client is made. The library is built from Debian's source by
/// <c>scripts/librdkafka.sh</c> into <c>.cache/librdkafka/</c>; <c>KAIROS_LIBRDKAFKA</c> names another one. When none is
/// found, Confluent.Kafka's own search runs (it finds the one from the librdkafka.redist package, where that exists).
/// </summary>
public static class KafkaNative
{
    public const string PathVariable = "KAIROS_LIBRDKAFKA";
    private const string CachedPath = ".cache/librdkafka/librdkafka.so.1";
    private static readonly Lock Gate = new();
    private static string? _loaded;

    /// <summary>The library in use, once <see cref="EnsureLoaded"/> has run.</summary>
    public static string? LoadedPath => _loaded;

    /// <summary>Loads librdkafka once per process; later calls return the same path.</summary>
    /// <exception cref="InvalidOperationException">No usable librdkafka was found; the message says how to build one.</exception>
    public static string EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded is not null) return _loaded;
            var path = Locate() ?? throw new InvalidOperationException(
                $"librdkafka was not found. Run ./scripts/librdkafka.sh (it builds {CachedPath} from Debian's source package), or set {PathVariable} to a librdkafka.so.1 of version 2.1 or later.");
            var handle = NativeLibrary.Load(path);
            // Confluent.Kafka opens the library through "libdl", which Debian bookworm has only as libdl.so.2, and
            // Kairos's own mock-cluster calls name "librdkafka": both go to the one loaded file.
            DllImportResolver resolver = (name, _, _) => name switch
            {
                "libdl" => NativeLibrary.Load("libdl.so.2"),
                "librdkafka" => handle,
                _ => IntPtr.Zero,
            };
            NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, resolver);
            NativeLibrary.SetDllImportResolver(typeof(KafkaNative).Assembly, resolver);
            Library.Load(path);
            _loaded = path;
            return path;
        }
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } named)
            return File.Exists(named) ? named : throw new InvalidOperationException($"{PathVariable} names {named}, which does not exist.");
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(Assembly.GetEntryAssembly()?.Location) })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, CachedPath);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
