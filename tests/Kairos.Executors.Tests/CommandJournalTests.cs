using Kairos.Core.Jobs;
using Kairos.Core.Ports;

namespace Kairos.Executors.Tests;

/// <summary>The journal kairos-supervise keeps for each attempt, and what a node reads from it.</summary>
public sealed class CommandJournalTests : IDisposable
{
    private readonly TestJournal _journal = new();

    public void Dispose() => _journal.Dispose();

    private static CommandAction Shell(string script) => new(["sh", "-c", script], null, new Dictionary<string, string>());

    [Fact]
    public async Task Execute_InterleavedOutput_EachLogRecordIsOneOutputLineInOrder()
    {
        var output = new CapturedOutput();
        var outcome = await _journal.Executor().ExecuteAsync(CapturedOutput.Context(
            Shell("i=1; while [ $i -le 300 ]; do echo \"out $i\"; echo \"err $i\" >&2; i=$((i+1)); done; exit 4"), output));

        var records = TestJournal.Records(_journal.Attempt("local", 42));
        Assert.Equal(records, output.Lines.ToList());
        Assert.StartsWith("started pid ", records[0].Line, StringComparison.Ordinal);
        Assert.Equal((LogStream.System, "exit code 4"), records[^1]);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => $"out {i}"), output.Lines.Where(l => l.Stream == LogStream.Stdout).Select(l => l.Line));
        Assert.Equal(Enumerable.Range(1, 300).Select(i => $"err {i}"), output.Lines.Where(l => l.Stream == LogStream.Stderr).Select(l => l.Line));
        Assert.Equal(new ActionOutcome(false, "exit code 4", 4), outcome);
    }

    [Fact]
    public async Task Adopt_EndedAttempt_WritesOnlyTheLinesAfterThoseStoredAndTheSameOutcome()
    {
        var first = new CapturedOutput();
        var context = CapturedOutput.Context(Shell("seq 1 20; exit 6"), first);
        var outcome = await _journal.Executor().ExecuteAsync(context);

        var rest = new CapturedOutput();
        var adopted = await _journal.Executor().AdoptAsync(context with { Output = rest }, "local", linesStored: 5);

        Assert.Equal(first.Lines.Skip(5), rest.Lines);
        Assert.Equal((LogStream.Stdout, "5"), rest.Lines.First());
        Assert.Equal(outcome, adopted);
        Assert.Equal(6, adopted.ExitCode);
    }

    [Fact]
    public async Task Execute_LineLongerThan16KiB_SplitIntoRecordsThatJoinBack()
    {
        var output = new CapturedOutput();
        await _journal.Executor().ExecuteAsync(CapturedOutput.Context(Shell("head -c 40000 /dev/zero | tr '\\0' x; echo; echo after"), output));

        var stdout = output.Lines.Where(l => l.Stream == LogStream.Stdout).Select(l => l.Line).ToList();
        Assert.Equal([16384, 16384, 7232, 5], stdout.Select(l => l.Length));
        Assert.Equal(new string('x', 40000), string.Concat(stdout.Take(3)));
    }

    [Fact]
    public async Task Execute_OutputOverTheLimit_DroppedAndCountedInOneRecord()
    {
        var output = new CapturedOutput();
        var outcome = await _journal.Executor(maxLogBytes: 1000).ExecuteAsync(CapturedOutput.Context(Shell("seq 1 10000; exit 2"), output));

        var stdout = output.Lines.Where(l => l.Stream == LogStream.Stdout).ToList();
        Assert.InRange(stdout.Count, 10, 100);
        var dropped = Assert.Single(output.Lines, l => l.Line.StartsWith("dropped ", StringComparison.Ordinal));
        Assert.Equal(LogStream.System, dropped.Stream);
        Assert.Contains($"in {10000 - stdout.Count} lines", dropped.Line, StringComparison.Ordinal);
        Assert.Equal(2, outcome.ExitCode);
    }

    [Fact]
    public async Task Execute_CommandKilledBySignal_ExitCodeAsAShellReportsIt()
    {
        var outcome = await _journal.Executor().ExecuteAsync(CapturedOutput.Context(Shell("kill -KILL $$"), new()));
        Assert.False(outcome.Succeeded);
        Assert.Equal(137, outcome.ExitCode);
        Assert.Equal("exit code 137 (killed by signal 9)", outcome.Detail);
    }

    [Fact]
    public async Task Inspect_MissingProgram_EndedWithWhyItCouldNotStart()
    {
        var executor = _journal.Executor();
        await executor.ExecuteAsync(CapturedOutput.Context(new CommandAction(["/no/such/program"], null, new Dictionary<string, string>()), new()));

        var trace = executor.Inspect("local", 42, 1);
        Assert.Equal(AttemptStatus.Ended, trace.Status);
        Assert.Equal("cannot start '/no/such/program': No such file or directory", trace.Outcome!.Detail);
        Assert.Null(TestJournal.Read(_journal.Attempt("local", 42), "command"));
    }

    [Fact]
    public void Inspect_NoFolderOrAnEmptyOne_NotStarted()
    {
        var executor = _journal.Executor();
        Assert.Equal(AttemptStatus.NotStarted, executor.Inspect("n1", 5, 1).Status);
        Directory.CreateDirectory(_journal.Attempt("n1", 5));
        Assert.Equal(AttemptStatus.NotStarted, executor.Inspect("n1", 5, 1).Status);
    }

    [Fact]
    public async Task Execute_AttemptThatAlreadyBegan_RefusedWithoutRunningTheCommandAgain()
    {
        var executor = _journal.Executor();
        var marker = Path.Combine(_journal.Root, "runs");
        var context = CapturedOutput.Context(Shell($"echo ran >> {marker}"), new());
        await executor.ExecuteAsync(context);
        var second = await executor.ExecuteAsync(context);
        Assert.False(second.Succeeded);
        Assert.Contains("already began", second.Detail, StringComparison.Ordinal);
        Assert.Equal(["ran"], File.ReadAllLines(marker));
    }

    [Fact]
    public async Task Journaled_ListsTheNodesAttempts_ForgetRemovesOne()
    {
        var executor = _journal.Executor();
        await executor.ExecuteAsync(CapturedOutput.Context(Shell("true"), new(), runId: 7, node: "n1"));
        await executor.ExecuteAsync(CapturedOutput.Context(Shell("true"), new(), runId: 3, node: "n1"));
        await executor.ExecuteAsync(CapturedOutput.Context(Shell("true"), new(), runId: 9, node: "n2"));

        Assert.Equal([(3L, 1), (7L, 1)], executor.Journaled("n1"));
        executor.Forget("n1", 3, 1);
        Assert.Equal([(7L, 1)], executor.Journaled("n1"));
        Assert.Equal(AttemptStatus.NotStarted, executor.Inspect("n1", 3, 1).Status);
        Assert.Empty(executor.Journaled("n3"));
    }

    [Fact]
    public void Heartbeat_CreatesTheNodesFileThenMovesItsModificationTime()
    {
        var executor = _journal.Executor();
        var file = Path.Combine(_journal.Root, "n1", "heartbeat");
        executor.Heartbeat("n1");
        Assert.True(File.Exists(file));
        File.SetLastWriteTimeUtc(file, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        executor.Heartbeat("n1");
        Assert.True(File.GetLastWriteTimeUtc(file).Year > 2020);
    }

    [Fact]
    public void SupervisorPath_Default_TheBuildPutsTheProgramNextToTheAssembly()
    {
        var path = new CommandJournalOptions { PollClock = TimeProvider.System, Root = _journal.Root }.SupervisorPath;
        Assert.True(File.Exists(path), path);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal(Path.GetDirectoryName(typeof(CommandExecutor).Assembly.Location), Path.GetDirectoryName(path));
    }

    [Fact]
    public void NodeId_ThatCannotNameAFolder_Refused()
    {
        Assert.Throws<ArgumentException>(() => _journal.Executor().Heartbeat("../elsewhere"));
        Assert.Throws<ArgumentException>(() => _journal.Executor().Inspect("..", 1, 1));
    }
}
