using System.Globalization;

namespace Kairos.Executors;

/// <summary>What /proc/PID/stat says of a process: enough to tell a live supervisor from a dead one or a reused pid.</summary>
internal static class ProcStat
{
    /// <summary>Whether <paramref name="pid"/> is the process that started at <paramref name="startTime"/> and has not exited.</summary>
    public static bool IsAlive(int pid, ulong startTime) =>
        Fields(pid) is { } fields && fields[0] is not ("Z" or "X") && Number(fields[19]) == startTime;

    public static ulong? StartTime(int pid) => Fields(pid) is { } fields ? Number(fields[19]) : null;

    /// <summary>Live (not zombie) processes whose process group is <paramref name="group"/>.</summary>
    public static int GroupSize(int group)
    {
        var count = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Fields(pid) is { } fields && fields[0] is not ("Z" or "X") && Number(fields[2]) == (ulong)group) count++;
        }
        return count;
    }

    // The fields after "pid (comm) ": comm may hold spaces and parentheses, so they start after the last ')'.
    // Index 0 is field 3 of proc(5) (state), 2 the process group, 19 the start time.
    private static string[]? Fields(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"); }
        catch (IOException) { return null; } // no such process, or it exited while being read
        catch (UnauthorizedAccessException) { return null; }
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 ? fields : null;
    }

    private static ulong? Number(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
