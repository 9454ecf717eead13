using Kairos.Testing;

namespace Kairos.EndToEnd.Tests;

/// <summary>The kairos command as a process: output, errors and exit codes scripts rely on.</summary>
public class CliTests
{
    [Fact]
    public async Task Validate_Examples_ExitZero()
    {
        var (code, stdout, _) = await Processes.CliAsync("validate", "examples");
        Assert.Equal(0, code);
        Assert.Contains("job(s) valid", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BrokenCopy_ExitOneNamingFileLineAndField()
    {
        var folder = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        foreach (var file in Directory.GetFiles(Path.Combine(Processes.RepoRoot(), "examples"), "*.yaml"))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var hello = Path.Combine(folder, "hello.yaml");
        await File.WriteAllTextAsync(hello, (await File.ReadAllTextAsync(hello)).Replace("*/10 * * * * *", "*/10 * * * * MOONDAY", StringComparison.Ordinal));
        var (code, stdout, stderr) = await Processes.CliAsync("validate", folder);
        Assert.Equal(1, code);
        Assert.Matches(@"hello\.yaml:\d+: schedule\.cron: The day-of-week field 'MOONDAY'", stderr);
        Assert.Contains("ok    daily-report", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_AnInstitutionCalendar_IsUnknownUntilNamedWithCalendar()
    {
        var folder = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        await File.WriteAllTextAsync(Path.Combine(folder, "hana.yaml"), "id: hana-eod\nschedule: { cron: '0 18 * * *', calendar: HANA-BANK, days: business-days }\naction: { noop: true }\n");
        var unknown = await Processes.CliAsync("validate", folder);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("schedule.calendar", unknown.Stderr, StringComparison.Ordinal);
        var named = await Processes.CliAsync("validate", folder, "--calendar", "HANA-BANK");
        Assert.Equal(0, named.ExitCode);
        Assert.Contains("ok    hana-eod", named.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, (await Processes.CliAsync("validate", folder, "--calendar", "KR-BANK")).ExitCode);
    }

    [Fact]
    public async Task UnknownCommandOrOption_ExitTwo()
    {
        Assert.Equal(2, (await Processes.CliAsync("frobnicate")).ExitCode);
        Assert.Equal(2, (await Processes.CliAsync("runs", "--bogus")).ExitCode);
    }

    [Fact]
    public async Task Help_ExitZeroAndListsCommands()
    {
        var (code, stdout, _) = await Processes.CliAsync("--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "validate", "explain", "jobs", "runs", "logs", "trigger", "hold", "release", "kill", "rerun" })
            Assert.Contains(command, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoServer_ExitFiveWithHint()
    {
        var (code, _, stderr) = await Processes.CliAsync("jobs", "--server", $"http://127.0.0.1:{TestServers.FreePort()}");
        Assert.Equal(5, code);
        Assert.Contains("cannot reach the Kairos server", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgainstServer_ExplainHoldTriggerAndErrors()
    {
        var data = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        await using var server = await Processes.StartServerAsync(Path.Combine(Processes.RepoRoot(), "examples"), data, "cli-node");
        var url = server.Address.ToString();

        var explain = await server.CliAsync("explain", "daily-report", "-n", "7");
        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("Next slots:", explain.Stdout, StringComparison.Ordinal);
        Assert.Contains("09:00:00 Asia/Seoul", explain.Stdout, StringComparison.Ordinal);
        Assert.Contains("not-business-day", explain.Stdout, StringComparison.Ordinal); // seven days always include a weekend

        Assert.Equal(0, (await server.CliAsync("hold", "hello", "--reason", "test")).ExitCode);
        Assert.Contains("held", (await server.CliAsync("jobs")).Stdout, StringComparison.Ordinal);

        var trigger = await server.CliAsync("trigger", "hello", "-d", "2026-11-20", "--reason", "test");
        Assert.Equal(0, trigger.ExitCode);
        Assert.Contains("business date 2026-11-20", trigger.Stdout, StringComparison.Ordinal);

        // A Saturday on the job's calendar: warned, and without a terminal to confirm on, nothing is queued (exit 4).
        var saturday = await server.CliAsync("trigger", "daily-report", "-d", "2026-11-28", "--reason", "test");
        Assert.Equal(4, saturday.ExitCode);
        Assert.Contains("2026-11-28 is not a business day on KR-BANK (Saturday)", saturday.Stderr, StringComparison.Ordinal);
        var confirmed = await server.CliAsync("trigger", "daily-report", "-d", "2026-11-28", "--reason", "test", "--yes");
        Assert.Equal(0, confirmed.ExitCode);
        Assert.Contains("business date 2026-11-28", confirmed.Stdout, StringComparison.Ordinal);

        var today = await server.CliAsync("cal", "today", "KR-BANK", "--at", "2026-11-28T10:00:00+09:00");
        Assert.Equal(0, today.ExitCode);
        Assert.Contains("KR-BANK: business date 2026-11-30 (it is 2026-11-28 10:00 in Asia/Seoul; 2026-11-28 is closed, Saturday", today.Stdout, StringComparison.Ordinal);

        var missing = await server.CliAsync("explain", "no-such-job");
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("There is no job 'no-such-job'", missing.Stderr, StringComparison.Ordinal);

        var badDate = await server.CliAsync("trigger", "hello", "-d", "yesterday", "--reason", "test");
        Assert.Equal(4, badDate.ExitCode);
        Assert.Contains("businessDate", badDate.Stderr, StringComparison.Ordinal);

        var json = await server.CliAsync("runs", "-j", "hello", "--json");
        Assert.Equal(0, json.ExitCode);
        Assert.StartsWith("[", json.Stdout.TrimStart(), StringComparison.Ordinal);

        // The example flow: its extract run for a date makes a flow run that waits for the core-banking file, and says so.
        var extract = await server.CliAsync("trigger", "extract-ledger", "-d", "2026-11-20", "--reason", "test");
        Assert.Equal(0, extract.ExitCode);
        var flows = await server.CliAsync("flows");
        Assert.Equal(0, flows.ExitCode);
        Assert.Matches(@"end-of-day\s+4\s+0 18 \* \* \* \(KR-BANK\)\s+stop", flows.Stdout);
        var shown = await WaitForAsync(() => server.CliAsync("flow", "show", "end-of-day", "-d", "2026-11-20"),
            r => r.Stdout.Contains("waiting for condition core-eod-file for 2026-11-20", StringComparison.Ordinal));
        Assert.Contains("end-of-day 2026-11-20: running", shown.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"settle\s+extract-ledger\s+succeeded", shown.Stdout);
        Assert.Matches(@"publish-partners\s+regulator-report\s+pending", shown.Stdout);
        var busy = await server.CliAsync("flow", "rerun", "end-of-day", "-d", "2026-11-20", "--from", "settle", "--reason", "test");
        Assert.Equal(0, busy.ExitCode); // regulator-report still waits for its file: it keeps waiting, now for the new settle
        Assert.Matches(@"end-of-day 2026-11-20: queued settle #\d+; the rest follows", busy.Stdout);
        var unknownStep = await server.CliAsync("flow", "rerun", "end-of-day", "-d", "2026-11-20", "--from", "setle", "--reason", "test");
        Assert.Equal(4, unknownStep.ExitCode);
        Assert.Contains("'setle' is not a step of flow end-of-day", unknownStep.Stderr, StringComparison.Ordinal);
        var noFlow = await server.CliAsync("flow", "show", "no-such-flow", "-d", "2026-11-20");
        Assert.Equal(3, noFlow.ExitCode);
        Assert.Contains("No flow 'no-such-flow'", noFlow.Stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> WaitForAsync(Func<Task<(int ExitCode, string Stdout, string Stderr)>> call,
        Func<(int ExitCode, string Stdout, string Stderr), bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var result = await call();
            if (done(result)) return result;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"waited 60 s; last output: {result.Stdout}{result.Stderr}");
            await Task.Delay(250);
        }
    }
}
