using System.Globalization;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;

namespace Kairos.Executors.Tests;

/// <summary>
/// The node that started an attempt dies by SIGKILL (<see cref="FakeNode"/>); another executor, as a restarted node
/// would, reads the journal and adopts or records the attempt.
/// </summary>
public sealed class NodeDeathTests : IDisposable
{
    private const string Node = "n1";
    private readonly TestJournal _journal = new();
    private readonly string _go;

    public NodeDeathTests() => _go = Path.Combine(_journal.Root, "go");

    public void Dispose() => _journal.Dispose();

    // Prints line 0..19, waits for the test's go file, prints line 20..39, exits 5.
    private CommandAction TwoHalves() => new(["sh", "-c",
        "i=0; while [ $i -lt 20 ]; do echo \"line $i\"; i=$((i+1)); done; while [ ! -e \"$GO\" ]; do sleep 0.05; done; " +
        "while [ $i -lt 40 ]; do echo \"line $i\"; i=$((i+1)); done; exit 5"],
        null, new Dictionary<string, string> { ["GO"] = _go });

    [Fact]
    public async Task NodeDies_HeartbeatKeptFresh_CommandGoesOnAndAdoptionStoresEveryLineOnce()
    {
        var orphanAfter = TimeSpan.FromSeconds(3);
        var context = CapturedOutput.Context(TwoHalves(), new(), runId: 7, node: Node);
        var attempt = _journal.Attempt(Node, 7);
        using var node = await FakeNode.StartAsync(_journal.Executor(orphanAfter).PrepareAttempt(context), attempt);
        await Eventually.TrueAsync(() => TestJournal.Records(attempt).Count >= 21, TimeSpan.FromSeconds(30), "the first half");
        var restarted = _journal.Executor(orphanAfter);
        using var heartbeat = new CancellationTokenSource();
        var beating = KeepBeatingAsync(restarted, heartbeat.Token);

        node.Die();
        await Task.Delay(orphanAfter + TimeSpan.FromSeconds(2), TimeProvider.System);
        Assert.Equal(AttemptStatus.Running, restarted.Inspect(Node, 7, 1).Status);
        var rest = new CapturedOutput();
        var adoption = restarted.AdoptAsync(context with { Output = rest }, Node, linesStored: 8);
        await File.WriteAllTextAsync(_go, "");
        var outcome = await adoption.WaitAsync(TimeSpan.FromSeconds(60));
        await heartbeat.CancelAsync();
        await beating;

        var records = TestJournal.Records(attempt);
        Assert.Equal(records.Skip(8), rest.Lines);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"line {i}"), records.Where(r => r.Stream == LogStream.Stdout).Select(r => r.Line));
        Assert.Equal((LogStream.Stdout, "line 7"), rest.Lines.First());
        Assert.Equal(new ActionOutcome(false, "exit code 5", 5), outcome);
    }

    [Fact]
    public async Task NodeDies_HeartbeatStale_GroupKilledWithinOrphanAfterAndInspectSaysEnded()
    {
        var orphanAfter = TimeSpan.FromSeconds(2);
        var executor = _journal.Executor(orphanAfter);
        var context = CapturedOutput.Context(new CommandAction(["sh", "-c", "sleep 100 & echo $!; sleep 100"], null, new Dictionary<string, string>()), new(), runId: 8, node: Node);
        var attempt = _journal.Attempt(Node, 8);
        executor.Heartbeat(Node); // touched once, never again
        using var node = await FakeNode.StartAsync(executor.PrepareAttempt(context), attempt);
        var background = await Processes.PrintedAsync(() => TestJournal.Records(attempt));
        var command = new Processes(node.CommandGroup!.Value, ProcStat.StartTime(node.CommandGroup.Value)!.Value);

        var diedAt = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        node.Die();
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(attempt, "exit")), TimeSpan.FromSeconds(30), "the supervisor recording the orphan's end");

        var stopped = File.ReadAllLines(Path.Combine(attempt, "log")).Single(l => l.Contains("stopped: node gone", StringComparison.Ordinal));
        var stoppedAt = long.Parse(stopped.Split(' ')[1], CultureInfo.InvariantCulture);
        Assert.InRange(stoppedAt - diedAt, 0, (long)(orphanAfter + TimeSpan.FromSeconds(1)).TotalMilliseconds);
        await Eventually.TrueAsync(() => !background.Alive && !command.Alive, TimeSpan.FromSeconds(10), "the group's processes ending");
        var trace = executor.Inspect(Node, 8, 1);
        Assert.Equal(AttemptStatus.Ended, trace.Status);
        Assert.False(trace.Outcome!.Succeeded);
        Assert.StartsWith("stopped by its supervisor: node gone for 2s", trace.Outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(137, trace.Outcome.ExitCode);
    }

    [Fact]
    public async Task NodeDies_CommandFinishesMeanwhile_InspectSaysEndedWithItsRealExitCode()
    {
        var executor = _journal.Executor(orphanAfter: TimeSpan.FromSeconds(60));
        var context = CapturedOutput.Context(TwoHalves(), new(), runId: 9, node: Node);
        var attempt = _journal.Attempt(Node, 9);
        using var node = await FakeNode.StartAsync(executor.PrepareAttempt(context), attempt);

        node.Die();
        await File.WriteAllTextAsync(_go, "");
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(attempt, "exit")), TimeSpan.FromSeconds(30), "the command finishing");

        var restarted = _journal.Executor();
        var trace = restarted.Inspect(Node, 9, 1);
        Assert.Equal(AttemptStatus.Ended, trace.Status);
        Assert.Equal(new ActionOutcome(false, "exit code 5", 5), trace.Outcome);
        var rest = new CapturedOutput();
        var adopted = await restarted.AdoptAsync(context with { Output = rest }, Node, linesStored: 1);
        Assert.Equal(trace.Outcome, adopted);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"line {i}"), rest.Lines.Where(r => r.Stream == LogStream.Stdout).Select(r => r.Line));
    }

    [Fact]
    public async Task NodeDies_AdoptedAttemptCancelled_TermReachesTheGroup()
    {
        var orphanAfter = TimeSpan.FromSeconds(3);
        var context = CapturedOutput.Context(new CommandAction(["sh", "-c", "sleep 100 & echo $!; sleep 100"], null, new Dictionary<string, string>()), new(), runId: 10, node: Node);
        var attempt = _journal.Attempt(Node, 10);
        var restarted = _journal.Executor(orphanAfter);
        using var heartbeat = new CancellationTokenSource();
        var beating = KeepBeatingAsync(restarted, heartbeat.Token);
        using var node = await FakeNode.StartAsync(restarted.PrepareAttempt(context), attempt);
        var background = await Processes.PrintedAsync(() => TestJournal.Records(attempt));
        node.Die();

        var rest = new CapturedOutput();
        using var kill = new CancellationTokenSource();
        var adoption = restarted.AdoptAsync(context with { Output = rest }, Node, linesStored: 2, kill.Token);
        await kill.CancelAsync();
        var outcome = await adoption.WaitAsync(TimeSpan.FromSeconds(60));
        await heartbeat.CancelAsync();
        await beating;

        Assert.Equal(new ActionOutcome(false, "stopped; exit code 143", 143), outcome);
        Assert.False(background.Alive);
        Assert.Contains("sending SIGTERM", rest.Text(LogStream.System), StringComparison.Ordinal);
        Assert.Equal(outcome, restarted.Inspect(Node, 10, 1).Outcome);
    }

    [Fact]
    public async Task NodeDies_ThenItsSupervisorIsKilled_InspectAndAdoptSayLost()
    {
        var executor = _journal.Executor(orphanAfter: TimeSpan.FromSeconds(60));
        var context = CapturedOutput.Context(new CommandAction(["sleep", "100"], null, new Dictionary<string, string>()), new(), runId: 11, node: Node);
        using var node = await FakeNode.StartAsync(executor.PrepareAttempt(context), _journal.Attempt(Node, 11));
        node.Die();

        PosixSignals.ForceKill(node.SupervisorPid);
        await Eventually.TrueAsync(() => executor.Inspect(Node, 11, 1).Status == AttemptStatus.Lost, TimeSpan.FromSeconds(30), "Lost");
        var outcome = await executor.AdoptAsync(context, Node, linesStored: 0);
        Assert.Equal(new ActionOutcome(false, "its supervisor vanished; whether it finished is unknown"), outcome);
    }

    private static async Task KeepBeatingAsync(CommandExecutor executor, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            executor.Heartbeat(Node);
            try { await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System, cancellationToken); }
            catch (OperationCanceledException) { }
        }
    }
}
