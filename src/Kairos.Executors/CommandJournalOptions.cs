namespace Kairos.Executors;

/// <summary>Where and how <see cref="CommandExecutor"/> keeps the journal of each command attempt.</summary>
public sealed class CommandJournalOptions
{
    /// <summary>
    /// The folder that holds one folder per node (the server's is <c>&lt;data&gt;/nodes</c>); an attempt's journal is
    /// <c>&lt;Root&gt;/&lt;node&gt;/attempts/&lt;runId&gt;-&lt;attempt&gt;</c>, and the node's heartbeat file is
    /// <c>&lt;Root&gt;/&lt;node&gt;/heartbeat</c>.
    /// </summary>
    public required string Root { get; init; }

    /// <summary>
    /// The clock the journal is polled by. The supervisor writes the journal's files in real time, so this is the real
    /// clock whatever clock the scheduler decides by; a test clock that is only advanced by hand would stall the polling.
    /// </summary>
    public required TimeProvider PollClock { get; init; }

    /// <summary>How long a supervisor whose node is gone waits for the heartbeat file to be touched before it kills the command.</summary>
    public TimeSpan OrphanAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The kairos-supervise program, which the build copies next to this assembly.</summary>
    public string SupervisorPath { get; init; } = Path.Combine(DefaultFolder(), "kairos-supervise");

    /// <summary>Bytes of output an attempt keeps; the rest is dropped, and the log says how much.</summary>
    public long MaxLogBytes { get; init; } = 64L * 1024 * 1024;

    private static string DefaultFolder() =>
        Path.GetDirectoryName(typeof(CommandJournalOptions).Assembly.Location) is { Length: > 0 } folder ? folder : AppContext.BaseDirectory;
}
