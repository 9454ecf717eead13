using System.Globalization;
using System.Runtime.InteropServices;

namespace Kairos.Executors;

/// <summary>SIGTERM and SIGKILL through libc (the BCL's Kill sends only SIGKILL, and only to a tree that still has its root).</summary>
public static partial class PosixSignals
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    public static bool Terminate(int pid) => !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    public static bool ForceKill(int pid) => !OperatingSystem.IsWindows() && Kill(pid, SigKill) == 0;

    /// <summary>
    /// The process's descendants now, from /proc. Taken before signalling: once a shell exits, its children are
    /// re-parented to init and can no longer be found from it, yet they may still hold the run's output open.
    /// </summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        if (!OperatingSystem.IsLinux()) return [];
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var child)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; } // exited meanwhile
            catch (UnauthorizedAccessException) { continue; }
            // "pid (comm) state ppid …": comm may contain spaces and parentheses, so parse after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
            {
                if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
                list.Add(child);
            }
        }
        var result = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out var next))
        {
            foreach (var child in children.GetValueOrDefault(next) ?? [])
            {
                result.Add(child);
                queue.Enqueue(child);
            }
        }
        return result;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
