using System.Runtime.InteropServices;

namespace Kairos.Executors;

/// <summary>Signals through libc (the BCL's Kill sends only SIGKILL, and only to a tree that still has its root).</summary>
public static partial class PosixSignals
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    public static bool Terminate(int pid) => !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    public static bool ForceKill(int pid) => !OperatingSystem.IsWindows() && Kill(pid, SigKill) == 0;

    /// <summary>SIGTERM to every process of the group; false when the group has no process left.</summary>
    public static bool TerminateGroup(int group) => !OperatingSystem.IsWindows() && group > 1 && Kill(-group, SigTerm) == 0;

    public static bool ForceKillGroup(int group) => !OperatingSystem.IsWindows() && group > 1 && Kill(-group, SigKill) == 0;

    /// <summary>Whether the group still has a process (a zombie counts until it is reaped).</summary>
    public static bool GroupExists(int group) => !OperatingSystem.IsWindows() && group > 1 && Kill(-group, 0) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
