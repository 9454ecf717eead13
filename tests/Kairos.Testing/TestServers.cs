using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Kairos.Testing;

/// <summary>
/// The one place tests get servers from. PostgreSQL comes from KAIROS_TEST_POSTGRES when set, otherwise this process
/// starts its own with initdb and pg_ctl on a loopback port in a temporary folder, once, and stops it on exit.
/// </summary>
public static class TestServers
{
    /// <summary>
    /// The key-encryption secret servers on a shared PostgreSQL store are given in tests, as every node of a real
    /// installation is given the same mounted Secret.
    /// </summary>
    public const string SessionKeySecret = "kairos tests only: session key encryption secret";

    private static readonly Lazy<string> Postgres = new(StartPostgres, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A connection string to a new, empty database of its own.</summary>
    public static string NewPostgresDatabase()
    {
        var admin = Postgres.Value;
        var name = "kairos_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 20 }.ToString();
    }

    /// <summary>A path for a new SQLite file in a folder of its own under the test output.</summary>
    public static string NewSqlitePath()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "test-data", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "kairos.db");
    }

    private static string StartPostgres()
    {
        if (Environment.GetEnvironmentVariable("KAIROS_TEST_POSTGRES") is { Length: > 0 } given) return given;
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed: run the README's test command, which installs it, or set KAIROS_TEST_POSTGRES.");
        var folder = Path.Combine(Path.GetTempPath(), "kairos-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", $"postgres {folder}");
        Run(bin + "/initdb", $"-D {folder}/data -U postgres --auth=trust -E UTF8 --no-sync", asRoot);
        Run(bin + "/pg_ctl", $"-D {folder}/data -l {folder}/server.log -w -o \"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={folder} -c fsync=off -c max_connections=200\" start", asRoot);
        StopWhenThisProcessEnds(bin, folder, asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Run(bin + "/pg_ctl", $"-D {folder}/data -m immediate stop", asRoot);
                Directory.Delete(folder, recursive: true);
            }
            catch (InvalidOperationException) { }
            catch (IOException) { }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true";
    }

    /// <summary>The repository's root folder (where Kairos.slnx is), for tests that use the shipped examples.</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kairos.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a program to its end (as the postgres user when asked); a non-zero exit throws with its output.</summary>
    // The test platform may end a test host without running its ProcessExit handlers, which left one server running
    // after each full suite. A watchdog outside the host stops the server once the host is gone, however it ended. It
    // lets go of the pipes it was started with at once, so nothing waits for its output.
    private static void StopWhenThisProcessEnds(string bin, string folder, bool asRoot)
    {
        var stop = $"{(asRoot ? "runuser -u postgres -- " : "")}{bin}/pg_ctl -D {folder}/data -m immediate stop";
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 1; done; {stop}; rm -rf {folder}";
        var start = new ProcessStartInfo("sh", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        Process.Start(start)!.Dispose();
    }

    internal static void Run(string file, string arguments, bool asPostgres = false)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {error}{output.Result}");
    }
}
