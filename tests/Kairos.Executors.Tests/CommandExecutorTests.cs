using System.Globalization;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;

namespace Kairos.Executors.Tests;

public sealed class CommandExecutorTests : IDisposable
{
    private readonly TestJournal _journal = new();
    private readonly CommandExecutor _executor;

    public CommandExecutorTests() => _executor = _journal.Executor();

    public void Dispose() => _journal.Dispose();

    private static CommandAction Argv(params string[] argv) => new(argv, null, new Dictionary<string, string>());

    [Fact]
    public async Task Execute_ExitCodes_MapToSuccessAndFailure()
    {
        var ok = await _executor.ExecuteAsync(CapturedOutput.Context(Argv("true"), new()));
        var bad = await _executor.ExecuteAsync(CapturedOutput.Context(Argv("sh", "-c", "exit 7"), new(), runId: 43));
        Assert.True(ok.Succeeded);
        Assert.Equal(0, ok.ExitCode);
        Assert.False(bad.Succeeded);
        Assert.Equal(7, bad.ExitCode);
    }

    [Fact]
    public async Task Execute_Environment_CarriesRunJobSlotAndBusinessDate()
    {
        var output = new CapturedOutput();
        var action = new CommandAction(["sh", "-c", "echo $KAIROS_RUN_ID $KAIROS_JOB_ID $KAIROS_SLOT_TIME $KAIROS_BUSINESS_DATE $KAIROS_ATTEMPT $EXTRA"], null,
            new Dictionary<string, string> { ["EXTRA"] = "for-{{businessDate}}" });
        await _executor.ExecuteAsync(CapturedOutput.Context(action, output));
        Assert.Equal("42 job-a 2026-11-23T00:00:00.000Z 2026-11-23 1 for-2026-11-23", output.Text(LogStream.Stdout));
    }

    [Fact]
    public async Task Execute_ArgvWithoutShell_NoExpansion()
    {
        var output = new CapturedOutput();
        await _executor.ExecuteAsync(CapturedOutput.Context(Argv("echo", "$HOME", "a;b", "*"), output));
        Assert.Equal("$HOME a;b *", output.Text(LogStream.Stdout));
    }

    [Fact]
    public async Task Execute_ShellRequested_ScriptRuns()
    {
        var output = new CapturedOutput();
        await _executor.ExecuteAsync(CapturedOutput.Context(new CommandAction(["echo one; echo two >&2"], null, new Dictionary<string, string>(), UseShell: true), output));
        Assert.Equal("one", output.Text(LogStream.Stdout));
        Assert.Equal("two", output.Text(LogStream.Stderr));
    }

    [Fact]
    public async Task Execute_MissingProgram_FailsWithClearMessage()
    {
        var output = new CapturedOutput();
        var outcome = await _executor.ExecuteAsync(CapturedOutput.Context(Argv("/no/such/program"), output));
        Assert.False(outcome.Succeeded);
        Assert.Contains("cannot start '/no/such/program'", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("cannot start", output.Text(LogStream.System), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_WorkingDirectory_Used()
    {
        var output = new CapturedOutput();
        await _executor.ExecuteAsync(CapturedOutput.Context(new CommandAction(["pwd"], "/tmp", new Dictionary<string, string>()), output));
        Assert.Equal("/tmp", output.Text(LogStream.Stdout));
    }

    [Fact]
    public async Task Execute_CancelledProcessHandlesTerm_ExitsOnTerm()
    {
        var output = new CapturedOutput();
        using var cts = new CancellationTokenSource();
        var action = new CommandAction(["sh", "-c", "trap 'echo got TERM; exit 3' TERM; echo ready; while true; do sleep 0.1; done"], null, new Dictionary<string, string>(), KillGracePeriod: TimeSpan.FromSeconds(20));
        var run = _executor.ExecuteAsync(CapturedOutput.Context(action, output), cts.Token);
        await output.WaitForAsync(LogStream.Stdout, "ready");
        await cts.CancelAsync();
        var outcome = await run;
        Assert.False(outcome.Succeeded);
        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains("got TERM", output.Text(LogStream.Stdout), StringComparison.Ordinal);
        Assert.DoesNotContain("sending SIGKILL", output.Text(LogStream.System), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_CancelledProcessIgnoresTerm_KilledAfterGrace()
    {
        var output = new CapturedOutput();
        using var cts = new CancellationTokenSource();
        var action = new CommandAction(["sh", "-c", "trap '' TERM; echo ready; sleep 30"], null, new Dictionary<string, string>(), KillGracePeriod: TimeSpan.FromMilliseconds(300));
        var started = TimeProvider.System.GetTimestamp();
        var run = _executor.ExecuteAsync(CapturedOutput.Context(action, output), cts.Token);
        await output.WaitForAsync(LogStream.Stdout, "ready");
        await cts.CancelAsync();
        var outcome = await run;
        Assert.False(outcome.Succeeded);
        Assert.Equal("stopped; exit code 137", outcome.Detail);
        Assert.Contains("sending SIGKILL", output.Text(LogStream.System), StringComparison.Ordinal);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Execute_CancelledShellWithAChild_TheChildIsStoppedToo_NotLeftHoldingTheOutput()
    {
        var output = new CapturedOutput();
        using var cts = new CancellationTokenSource();
        // The shell dies on SIGTERM at once; before, its sleep lived on with the output pipe open for 30 s.
        var action = new CommandAction(["sh", "-c", "echo started; sleep 30; echo never"], null, new Dictionary<string, string>(), KillGracePeriod: TimeSpan.FromSeconds(20));
        var started = TimeProvider.System.GetTimestamp();
        var run = _executor.ExecuteAsync(CapturedOutput.Context(action, output), cts.Token);
        await output.WaitForAsync(LogStream.Stdout, "started");
        var group = int.Parse(TestJournal.Read(_journal.Attempt("local", 42), "command")!, CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(() => ProcStat.GroupSize(group) == 2, TimeSpan.FromSeconds(30), "the shell and its sleep");
        await cts.CancelAsync();
        var outcome = await run;
        Assert.False(outcome.Succeeded);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10), $"took {TimeProvider.System.GetElapsedTime(started)}");
        Assert.Contains("1 child process", output.Text(LogStream.System), StringComparison.Ordinal);
        Assert.DoesNotContain("sending SIGKILL", output.Text(LogStream.System), StringComparison.Ordinal);
    }
}
