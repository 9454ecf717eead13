using Kairos.Core.Ports;

namespace Kairos.Executors.Tests;

/// <summary>A journal root of its own for one test, removed afterwards, and ways to read what the supervisor wrote there.</summary>
internal sealed class TestJournal : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "kairos-executor-tests", Guid.NewGuid().ToString("N"));

    public CommandExecutor Executor(TimeSpan? orphanAfter = null, long? maxLogBytes = null, Kairos.Core.Secrets.ISecretSource? secrets = null) =>
        new(TimeProvider.System, new CommandJournalOptions
        {
            Root = Root,
            PollClock = TimeProvider.System,
            OrphanAfter = orphanAfter ?? TimeSpan.FromSeconds(5),
            MaxLogBytes = maxLogBytes ?? new CommandJournalOptions { PollClock = TimeProvider.System, Root = Root }.MaxLogBytes,
        }, secrets);

    public string Attempt(string node, long runId, int attempt = 1) => Path.Combine(Root, node, "attempts", $"{runId}-{attempt}");

    /// <summary>The log's records as (stream, text), the way an executor turns them into output lines.</summary>
    public static IReadOnlyList<(LogStream Stream, string Line)> Records(string attempt)
    {
        var path = Path.Combine(attempt, "log");
        if (!File.Exists(path)) return [];
        return [.. File.ReadAllText(path).Split('\n').SkipLast(1).Select(Record)];
    }

    public static string? Read(string attempt, string name) =>
        File.Exists(Path.Combine(attempt, name)) ? File.ReadAllText(Path.Combine(attempt, name)).Trim() : null;

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    private static (LogStream, string) Record(string record)
    {
        var stream = record[0] switch { 'O' => LogStream.Stdout, 'E' => LogStream.Stderr, _ => LogStream.System };
        return (stream, record.Split(' ', 3)[2]);
    }
}
