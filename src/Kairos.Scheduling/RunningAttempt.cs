using Kairos.Core.Runs;

namespace Kairos.Scheduling;

/// <summary>An attempt executing on this node: its token, and why it was stopped if it was.</summary>
internal sealed class RunningAttempt(Run run, CancellationTokenSource stop)
{
    private int _reason;

    /// <summary>The run as claimed, then as started (with its attempt number and lease).</summary>
    public Run Run { get; set; } = run;

    public CancellationTokenSource Stop { get; } = stop;

    public Task Execution { get; set; } = Task.CompletedTask;

    /// <summary>Until when this node holds the run; renewed as it runs out.</summary>
    public DateTimeOffset LeaseUntil { get; set; } = run.LeaseUntil ?? DateTimeOffset.MaxValue;

    /// <summary>Set once the action has begun; before that the run is only claimed and may be handed back.</summary>
    public bool ActionStarted { get; set; }

    public string? StoppedBy { get; private set; }

    public StopReason Reason => (StopReason)Volatile.Read(ref _reason);

    /// <summary>
    /// The first reason wins: a run killed by an operator stays killed even if shutdown follows. Stopping an attempt
    /// that has just finished (its token already disposed) does nothing.
    /// </summary>
    public void RequestStop(StopReason reason, string? by = null)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)StopReason.None) == (int)StopReason.None) StoppedBy = by;
        try
        {
            Stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
