namespace Kairos.Server;

/// <summary>The server's settings, from the "Kairos" configuration section, environment (Kairos__JobsPath) or flags.</summary>
public sealed class KairosServerOptions
{
    /// <summary>A folder of job YAML files, loaded at start and whenever a file changes.</summary>
    public string? JobsPath { get; set; }

    /// <summary>Where the SQLite store lives when no PostgreSQL connection string is given.</summary>
    public string DataPath { get; set; } = ".data";

    /// <summary>The folder of each node's command journals and heartbeat (<c>&lt;data&gt;/nodes</c>).</summary>
    public string NodesPath => Path.Combine(DataPath, "nodes");

    /// <summary>A PostgreSQL connection string: when set, the store is PostgreSQL and several nodes may share it.</summary>
    public string? Postgres { get; set; }

    /// <summary>This node's name; defaults to host and process id.</summary>
    public string? NodeId { get; set; }

    /// <summary>A node silent this long is dead to the others, which then take over its runs (<c>Kairos:NodeTimeout</c>).</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long shutdown waits for running runs before killing them.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);
}
