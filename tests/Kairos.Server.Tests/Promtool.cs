using System.Diagnostics;

namespace Kairos.Server.Tests;

/// <summary>Prometheus's own checker, <c>promtool check metrics</c>, from Debian's <c>prometheus</c> package.</summary>
internal static class Promtool
{
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string promtool, string exposition)
    {
        var start = new ProcessStartInfo(promtool, ["check", "metrics"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output + await errors).Trim());
    }

    /// <summary>The installed promtool; a missing one fails the test, since skipping would pass a suite that never checked the format.</summary>
    public static string Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "promtool")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("promtool is not installed, so the metrics format cannot be checked: install Debian's prometheus package (apt-get install prometheus), as scripts/test.sh does.");
}
