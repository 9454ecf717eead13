using System.Globalization;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;

namespace Kairos.Executors.Tests;

/// <summary>Stopping a command stops its whole process group, grandchildren included.</summary>
public sealed class ProcessGroupTests : IDisposable
{
    private readonly TestJournal _journal = new();

    public void Dispose() => _journal.Dispose();

    [Fact]
    public async Task Execute_Cancelled_TermReachesEveryProcessOfTheGroup()
    {
        var output = new CapturedOutput();
        using var cts = new CancellationTokenSource();
        var action = new CommandAction(["sh", "-c", "sleep 100 & echo $!; sleep 100"], null, new Dictionary<string, string>(), KillGracePeriod: TimeSpan.FromSeconds(30));
        var run = _journal.Executor().ExecuteAsync(CapturedOutput.Context(action, output), cts.Token);
        var background = await Processes.PrintedAsync(() => output.Lines);
        var command = await CommandAsync();
        await cts.CancelAsync();
        var outcome = await run;

        Assert.Equal(new ActionOutcome(false, "stopped; exit code 143", 143), outcome);
        Assert.False(background.Alive);
        Assert.False(command.Alive);
        Assert.Contains("sending SIGTERM", output.Text(LogStream.System), StringComparison.Ordinal);
        Assert.DoesNotContain("sending SIGKILL", output.Text(LogStream.System), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_CancelledGroupIgnoresTerm_EveryProcessKilledAfterTheGrace()
    {
        var output = new CapturedOutput();
        using var cts = new CancellationTokenSource();
        // An ignored signal stays ignored across fork and exec, so both sleeps ignore SIGTERM too.
        var action = new CommandAction(["sh", "-c", "trap '' TERM; sleep 100 & echo $!; sleep 100"], null, new Dictionary<string, string>(), KillGracePeriod: TimeSpan.FromSeconds(1));
        var run = _journal.Executor().ExecuteAsync(CapturedOutput.Context(action, output), cts.Token);
        var background = await Processes.PrintedAsync(() => output.Lines);
        await cts.CancelAsync();
        var outcome = await run;

        Assert.Equal(new ActionOutcome(false, "stopped; exit code 137", 137), outcome);
        Assert.False(background.Alive);
        var system = output.Lines.Where(l => l.Stream == LogStream.System).Select(l => l.Line).ToList();
        Assert.True(system.FindIndex(l => l.StartsWith("sending SIGTERM", StringComparison.Ordinal)) < system.FindIndex(l => l.StartsWith("sending SIGKILL", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Execute_CommandLeavesAProcessBehind_ItEndsWithTheRun()
    {
        var output = new CapturedOutput();
        var action = new CommandAction(["sh", "-c", "sleep 100 > /dev/null 2>&1 & echo $!"], null, new Dictionary<string, string>());
        var outcome = await _journal.Executor().ExecuteAsync(CapturedOutput.Context(action, output));

        var group = int.Parse(TestJournal.Read(_journal.Attempt("local", 42), "command")!, CultureInfo.InvariantCulture);
        Assert.True(outcome.Succeeded);
        Assert.Contains("left running", output.Text(LogStream.System), StringComparison.Ordinal);
        await Eventually.TrueAsync(() => ProcStat.GroupSize(group) == 0, TimeSpan.FromSeconds(10), "the sleep left behind ending");
    }

    [Fact]
    public async Task Execute_SupervisorKilled_OutcomeUnknownAndInspectSaysLost()
    {
        var executor = _journal.Executor();
        var output = new CapturedOutput();
        var run = executor.ExecuteAsync(CapturedOutput.Context(new CommandAction(["sleep", "100"], null, new Dictionary<string, string>()), output));
        var command = await CommandAsync();
        try
        {
            var supervisor = int.Parse(TestJournal.Read(_journal.Attempt("local", 42), "supervisor")!.Split(' ')[0], CultureInfo.InvariantCulture);
            PosixSignals.ForceKill(supervisor);
            var outcome = await run;

            Assert.False(outcome.Succeeded);
            Assert.StartsWith("its supervisor vanished; whether it finished is unknown", outcome.Detail, StringComparison.Ordinal);
            Assert.Equal(AttemptStatus.Lost, executor.Inspect("local", 42, 1).Status);
            Assert.True(command.Alive); // nothing is left to stop it: the reason a journal says Lost, not Ended
        }
        finally
        {
            PosixSignals.ForceKillGroup(command.Pid);
        }
    }

    private async Task<Processes> CommandAsync()
    {
        var pid = await Eventually.ValueAsync(
            () => TestJournal.Read(_journal.Attempt("local", 42), "command") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : (int?)null,
            TimeSpan.FromSeconds(30), "the command file");
        return new Processes(pid, ProcStat.StartTime(pid)!.Value);
    }
}
