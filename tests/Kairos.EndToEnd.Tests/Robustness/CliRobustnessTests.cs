using System.Diagnostics;
using System.Text;
using Kairos.Client;
using Kairos.Testing;

namespace Kairos.EndToEnd.Tests.Robustness;

/// <summary>The CLI survives hostile input: job files built to exhaust it, and run output built to drive its terminal.</summary>
public sealed class CliRobustnessTests
{
    [Fact]
    public async Task Validate_AliasBombAndOverflowingDuration_ExitOneQuicklyNamingEach()
    {
        var folder = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        var bomb = new StringBuilder("id: bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
            bomb.Append(level).Append(": &").Append(level).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + (char)(level - 1), 9))).Append("]\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "bomb.yaml"), bomb.ToString());
        await File.WriteAllTextAsync(Path.Combine(folder, "overflow.yaml"), "id: overflow\naction: { noop: true }\ntimeout: 99999999999d\n");

        var clock = Stopwatch.StartNew();
        var (code, _, stderr) = await Processes.CliAsync("validate", folder);
        Assert.Equal(1, code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Matches(@"bomb\.yaml:\d+: .*\*name", stderr);
        Assert.Matches(@"overflow\.yaml:3: timeout: '99999999999d'", stderr);
    }

    [Fact]
    public async Task Logs_OutputWithTerminalEscapes_PrintedAsVisibleEscapes()
    {
        var data = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        var jobs = Path.Combine(data, "jobs");
        Directory.CreateDirectory(jobs);
        // ESC [2J clears the screen, ESC ]0; retitles the window, BEL rings, CR overwrites the line; the tab stays.
        await File.WriteAllTextAsync(Path.Combine(jobs, "noisy.yaml"),
            "id: noisy\naction: { command: { argv: [printf, '\\033[2Jcleared\\033]0;title\\007\\tcell\\rover\\n'] } }\n");
        await using var server = await Processes.StartServerAsync(jobs, data, "logs-node");
        using var http = server.Http();
        var client = new KairosClient(http);
        var run = await client.TriggerAsync("noisy", reason: "terminal escapes");
        for (var i = 0; i < 100 && (await client.GetRunAsync(run.RunId)).State != "succeeded"; i++) await Task.Delay(100);

        var (code, stdout, _) = await server.CliAsync("logs", run.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, code);
        Assert.DoesNotContain(stdout, c => c is '\u001b' or '\u0007' or '\r');
        Assert.Contains("\\x1B[2Jcleared\\x1B]0;title\\x07\tcell\\x0Dover", stdout, StringComparison.Ordinal);
    }
}
