using Npgsql;

namespace Kairos.Testing;

/// <summary>
/// A PostgreSQL server of one test's own, on a fixed loopback port, that the test can stop and start again to cause
/// an outage without disturbing the shared server other tests use. Needs PostgreSQL installed (the README's test
/// command installs it).
/// </summary>
public sealed class StoppablePostgres : IDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly int _port;
    private readonly bool _asRoot = Environment.UserName == "root";

    public StoppablePostgres()
    {
        _bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed: run the README's test command, which installs it.");
        _folder = Path.Combine(Path.GetTempPath(), "kairos-pg-outage-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        _port = TestServers.FreePort();
        if (_asRoot) Run("chown", $"postgres {_folder}", asPostgres: false);
        Run(_bin + "/initdb", $"-D {_folder}/data -U postgres --auth=trust -E UTF8 --no-sync");
        Start();
        ConnectionString = $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Pooling=true;Timeout=3;Command Timeout=5";
    }

    public string ConnectionString { get; }

    public void Start() => Run(_bin + "/pg_ctl",
        $"-D {_folder}/data -l {_folder}/server.log -w -o \"-c listen_addresses=127.0.0.1 -p {_port} -c unix_socket_directories={_folder} -c fsync=off\" start");

    /// <summary>Stops the server the way an operator's restart does: open connections are cut, new ones refused.</summary>
    public void Stop()
    {
        Run(_bin + "/pg_ctl", $"-D {_folder}/data -m fast -w stop");
        NpgsqlConnection.ClearAllPools();
    }

    public void Dispose()
    {
        try
        {
            Run(_bin + "/pg_ctl", $"-D {_folder}/data -m immediate stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_folder, recursive: true);
    }

    // The tests' one process runner; the server's own programs run as the postgres user when the tests run as root.
    private void Run(string file, string arguments, bool asPostgres = true) => TestServers.Run(file, arguments, asPostgres && _asRoot);
}
