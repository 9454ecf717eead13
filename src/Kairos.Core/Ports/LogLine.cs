namespace Kairos.Core.Ports;

public enum LogStream { Stdout, Stderr, System }

/// <summary>One captured line of a run's output; <paramref name="Seq"/> orders the lines of a run.</summary>
public sealed record LogLine(long RunId, long Seq, int Attempt, LogStream Stream, DateTimeOffset At, string Text);
