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

    public static ActionContext Context(JobAction action, CapturedOutput output, TimeSpan? timeout = null) =>
        new(new Run(42, "job-a", new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), TriggerKind.Time, new DateOnly(2026, 11, 23), RunState.Running, 1,
                DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
            new Job("job-a", null, action, timeout ?? TimeSpan.FromMinutes(1), RetryPolicy.None, OverlapPolicy.Forbid, MisfirePolicy.Default),
            output);
}
