using System.Globalization;
using Kairos.Core.Ports;

namespace Kairos.Executors.Tests;

/// <summary>A process a command started, known by pid and start time so that a reused pid is not mistaken for it.</summary>
internal readonly record struct Processes(int Pid, ulong StartTime)
{
    public bool Alive => ProcStat.IsAlive(Pid, StartTime);

    /// <summary>The process whose pid the command printed as its first stdout line (<c>sleep 100 &amp; echo $!</c>).</summary>
    public static async Task<Processes> PrintedAsync(Func<IEnumerable<(LogStream Stream, string Line)>> lines)
    {
        var pid = await Eventually.ValueAsync(
            () => lines().Where(l => l.Stream == LogStream.Stdout).Select(l => (int?)int.Parse(l.Line, CultureInfo.InvariantCulture)).FirstOrDefault(),
            TimeSpan.FromSeconds(30), "the command printing its child's pid");
        return new Processes(pid, ProcStat.StartTime(pid) ?? throw new InvalidOperationException($"pid {pid} is already gone"));
    }
}
