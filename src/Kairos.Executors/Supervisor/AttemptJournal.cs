using System.Globalization;
using System.Text;

namespace Kairos.Executors;

/// <summary>
/// The folder where kairos-supervise keeps one attempt's journal (see the comment atop kairos-supervise.c):
/// <c>supervisor</c>, <c>command</c>, <c>log</c> and <c>exit</c>, plus <c>stop</c>, which a node writes before it
/// signals the command so that any node reading the outcome later knows the command was stopped.
/// </summary>
internal sealed class AttemptJournal(string folder)
{
    public string Folder => folder;

    public string LogPath => Path.Combine(folder, "log");

    /// <summary>Whether a supervisor wrote its pid file: from then on, the command may have started.</summary>
    public bool Began => File.Exists(Path.Combine(folder, "supervisor"));

    public bool StopRequested => File.Exists(Path.Combine(folder, "stop"));

    public static string NodeFolder(string root, string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        if (node is "." or ".." || node.IndexOfAny(['/', '\0']) >= 0)
            throw new ArgumentException($"node id '{node}' cannot name a folder", nameof(node));
        return Path.Combine(root, node);
    }

    public static AttemptJournal Of(string root, string node, long runId, int attempt) =>
        new(Path.Combine(NodeFolder(root, node), "attempts", Name(runId, attempt)));

    public static string Name(long runId, int attempt) =>
        string.Create(CultureInfo.InvariantCulture, $"{runId}-{attempt}");

    public void Create() => OwnerOnly.EnsureFolder(folder);

    /// <summary>The supervisor's pid and its start time in /proc, which tells it apart from a later process given the same pid.</summary>
    public (int Pid, ulong StartTime)? Supervisor() =>
        Read("supervisor")?.Split(' ', StringSplitOptions.TrimEntries) is [var pid, var start]
        && int.TryParse(pid, CultureInfo.InvariantCulture, out var p) && ulong.TryParse(start, CultureInfo.InvariantCulture, out var s)
            ? (p, s)
            : null;

    /// <summary>The command's pid, which is also its process group's id.</summary>
    public int? CommandGroup() =>
        int.TryParse(Read("command"), NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    public ExitRecord? Exit() => Read("exit") is { } text ? ExitRecord.Parse(text) : null;

    public void MarkStopRequested() => File.WriteAllText(Path.Combine(folder, "stop"), "");

    /// <summary>Adds a system line to the log, as one append, so it takes the next line number like the supervisor's lines.</summary>
    public void AppendSystem(string text, TimeProvider clock) =>
        PosixFiles.Append(LogPath, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"S {clock.GetUtcNow().ToUnixTimeMilliseconds()} {text.ReplaceLineEndings(" ")}\n")));

    private string? Read(string name)
    {
        try { return File.ReadAllText(Path.Combine(folder, name)); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }
}
