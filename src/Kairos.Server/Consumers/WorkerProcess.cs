using System.Diagnostics;
using Kairos.Executors;

namespace Kairos.Server.Consumers;

/// <summary>One worker process of a consumer, with its output sent to the server's log.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private DateTimeOffset? _stopRequested;

    private WorkerProcess(Process process, DateTimeOffset startedAt)
    {
        _process = process;
        StartedAt = startedAt;
    }

    public int Pid => _process.Id;

    public DateTimeOffset StartedAt { get; }

    public bool Stopping => _stopRequested is not null;

    public bool Exited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The worker's assembly: <c>kairos-worker.dll</c> in the server's own folder.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "kairos-worker.dll");

    public static WorkerProcess Start(IEnumerable<string> arguments, DateTimeOffset now, ILogger logger, string consumer)
    {
        if (!File.Exists(Executable)) throw new FileNotFoundException($"the consumer worker {Executable} is missing: it is built and copied beside the server", Executable);
        // The server runs under the dotnet host; the worker is its own assembly, built and copied beside the server's.
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Executable);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException("the worker process did not start");
        var pid = process.Id;
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) logger.LogInformation("[{Consumer} worker {Pid}] {Line}", consumer, pid, line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) logger.LogWarning("[{Consumer} worker {Pid}] {Line}", consumer, pid, line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process, now);
    }

    /// <summary>SIGTERM: the worker commits what it processed and leaves the group. SIGKILL if it is still there after the grace.</summary>
    public void RequestStop(DateTimeOffset now)
    {
        if (Exited) return;
        if (_stopRequested is null)
        {
            _stopRequested = now;
            PosixSignals.Terminate(Pid);
        }
        else if (now - _stopRequested > StopGrace)
        {
            PosixSignals.ForceKill(Pid);
        }
    }

    public async Task StopAsync(TimeProvider clock)
    {
        RequestStop(clock.GetUtcNow());
        using var grace = new CancellationTokenSource(StopGrace, clock);
        try { await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { PosixSignals.ForceKill(Pid); await _process.WaitForExitAsync().ConfigureAwait(false); }
    }

    public void Dispose() => _process.Dispose();
}
