using System.Collections.Concurrent;
using Kairos.Core.Ports;

namespace Kairos.Scheduling;

/// <summary>Collects output lines of all running attempts; the dispatcher writes them to the store in batches.</summary>
public sealed class RunOutputBuffer(TimeProvider clock)
{
    // Sequence numbers are per attempt blocks, so a retry's lines sort after the previous attempt's.
    private const long SeqPerAttempt = 1_000_000_000;
    private const int MaxLinesPerAttempt = 100_000;

    private readonly ConcurrentQueue<LogLine> _pending = new();
    private readonly TimeProvider _clock = clock;

    /// <summary>A writer for one attempt; after a restart its numbering continues after the lines the store already has.</summary>
    public IRunOutput For(long runId, int attempt, int linesStored = 0) => new Writer(this, runId, attempt, linesStored);

    /// <summary>The sequence numbers of one attempt's lines lie in this block.</summary>
    public static (long First, long Last) SeqRange(int attempt) => (attempt * SeqPerAttempt + 1, (attempt + 1) * SeqPerAttempt - 1);

    public List<LogLine> Drain()
    {
        var lines = new List<LogLine>();
        while (lines.Count < 5000 && _pending.TryDequeue(out var line)) lines.Add(line);
        return lines;
    }

    public bool IsEmpty => _pending.IsEmpty;

    private sealed class Writer(RunOutputBuffer buffer, long runId, int attempt, int linesStored) : IRunOutput
    {
        private long _count = linesStored;

        public void Write(LogStream stream, string line)
        {
            var n = Interlocked.Increment(ref _count);
            if (n > MaxLinesPerAttempt) return;
            var text = n == MaxLinesPerAttempt ? $"[output truncated after {MaxLinesPerAttempt} lines]" : line;
            buffer._pending.Enqueue(new LogLine(runId, attempt * SeqPerAttempt + n, attempt, n == MaxLinesPerAttempt ? LogStream.System : stream, buffer._clock.GetUtcNow(), text));
        }
    }
}
