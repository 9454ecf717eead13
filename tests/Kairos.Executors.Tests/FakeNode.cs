using System.Diagnostics;
using System.Globalization;

namespace Kairos.Executors.Tests;

/// <summary>
/// A node that starts an attempt's supervisor and then dies by SIGKILL, as a server killed with kill -9 does: a separate
/// process ("sleep", standing for the node) holds the write end of the supervisor's stdin, and a shell runs the two as
/// a pipeline. After <see cref="Die"/> the supervisor has lost its stdin and has no parent but init.
/// </summary>
internal sealed class FakeNode : IDisposable
{
    private readonly Process _shell;
    private readonly string _nodePidFile;
    private readonly string _attempt;

    private FakeNode(Process shell, string nodePidFile, string attempt)
    {
        _shell = shell;
        _nodePidFile = nodePidFile;
        _attempt = attempt;
    }

    public static async Task<FakeNode> StartAsync(ProcessStartInfo supervisor, string attempt)
    {
        var nodePidFile = Path.Combine(Path.GetDirectoryName(attempt)!, Path.GetFileName(attempt) + ".node-pid");
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("sh -c 'echo $$ > \"$0\"; exec sleep 1000' \"$0\" | \"$@\"");
        info.ArgumentList.Add(nodePidFile);
        info.ArgumentList.Add(supervisor.FileName);
        foreach (var arg in supervisor.ArgumentList) info.ArgumentList.Add(arg);
        foreach (var (name, value) in supervisor.Environment) info.Environment[name] = value;
        var node = new FakeNode(Process.Start(info)!, nodePidFile, attempt);
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(attempt, "command")) || File.Exists(Path.Combine(attempt, "exit")), TimeSpan.FromSeconds(30), "the supervisor starting the command");
        await Eventually.TrueAsync(() => Pid(nodePidFile) is not null, TimeSpan.FromSeconds(30), "the node's pid file");
        return node;
    }

    public int SupervisorPid => Pid(Path.Combine(_attempt, "supervisor"))!.Value;

    public int? CommandGroup => Pid(Path.Combine(_attempt, "command"));

    /// <summary>SIGKILL to the shell and then to the node: the supervisor's stdin reaches EOF, as when a server is killed.</summary>
    public void Die()
    {
        _shell.Kill();
        _shell.WaitForExit();
        PosixSignals.ForceKill(Pid(_nodePidFile)!.Value);
    }

    public void Dispose()
    {
        if (CommandGroup is { } group) PosixSignals.ForceKillGroup(group);
        if (!_shell.HasExited) Die();
        _shell.Dispose();
    }

    private static int? Pid(string file)
    {
        try { return int.Parse(File.ReadAllText(file).Split(' ')[0], NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture); }
        catch (IOException) { return null; }
        catch (FormatException) { return null; } // written but still empty
    }
}
