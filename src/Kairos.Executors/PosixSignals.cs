using System.Runtime.InteropServices;

namespace Kairos.Executors;

/// <summary>SIGTERM is not in the BCL's process API (Kill sends SIGKILL), so it goes through libc.</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    public static bool Terminate(int pid) => OperatingSystem.IsWindows() ? false : Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
