using System.Collections.Concurrent;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Executors.Tests;

internal sealed class CapturedOutput : IRunOutput
{
    public ConcurrentQueue<(LogStream Stream, string Line)> Lines { get; } = new();

    public void Write(LogStream stream, string line) => Lines.Enqueue((stream, line));

    public string Text(LogStream stream) => string.Join("\n", Lines.Where(l => l.Stream == stream).Select(l => l.Line));

    public Task WaitForAsync(LogStream stream, string line) =>
        Eventually.TrueAsync(() => Lines.Contains((stream, line)), TimeSpan.FromSeconds(30), $"{stream} line '{line}'");

    public static ActionContext Context(JobAction action, CapturedOutput output, TimeSpan? timeout = null, long runId = 42, string? node = null) =>
        new(new Run(runId, "job-a", new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), TriggerKind.Time, new DateOnly(2026, 11, 23), RunState.Running, 1,
                DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, Node: node),
            new Job("job-a", null, action, timeout ?? TimeSpan.FromMinutes(1), RetryPolicy.None, OverlapPolicy.Forbid, MisfirePolicy.Default),
            output);
}
