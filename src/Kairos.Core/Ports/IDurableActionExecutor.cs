namespace Kairos.Core.Ports;

/// <summary>
/// An executor whose actions outlive the node's process: each attempt runs under a small supervisor that keeps its
/// output and exit status in a journal on the node's disk. After a crash the node (or one sharing its data folder)
/// asks the journal what became of an attempt, and follows one still running to its end instead of starting it again.
/// </summary>
public interface IDurableActionExecutor : IActionExecutor
{
    /// <summary>
    /// Whether <paramref name="node"/>'s journal is on this machine (its own, or one whose data folder it shares). When
    /// it is not, the journal cannot tell what became of that node's attempts.
    /// </summary>
    bool Knows(string node);

    /// <summary>What the journal knows of an attempt that <paramref name="node"/> started.</summary>
    AttemptTrace Inspect(string node, long runId, int attempt);

    /// <summary>
    /// Follows an attempt that is still running (after a restart) to its end. Output lines after the first
    /// <paramref name="linesStored"/> (which the store already has) go to the context's output; cancellation stops the
    /// action as <see cref="IActionExecutor.ExecuteAsync"/> does.
    /// </summary>
    Task<ActionOutcome> AdoptAsync(ActionContext context, string node, int linesStored, CancellationToken cancellationToken = default);

    /// <summary>Says that <paramref name="node"/> is alive: supervisors whose node stays silent stop their action.</summary>
    void Heartbeat(string node);

    /// <summary>Drops the journal of an attempt whose outcome the store now holds.</summary>
    void Forget(string node, long runId, int attempt);

    /// <summary>Attempts of <paramref name="node"/> that still have a journal, to sweep those the store has finished.</summary>
    IReadOnlyList<(long RunId, int Attempt)> Journaled(string node);
}

/// <summary>Where an attempt stands according to its journal.</summary>
public enum AttemptStatus
{
    /// <summary>No trace: the action never began, so the run can go back to the queue.</summary>
    NotStarted,
    /// <summary>Its supervisor is alive: the action may still be going on and can be adopted.</summary>
    Running,
    /// <summary>The action ended; <see cref="AttemptTrace.Outcome"/> is its real outcome.</summary>
    Ended,
    /// <summary>It began, but its supervisor is gone without an outcome (the machine restarted): whether it did its work is unknown.</summary>
    Lost,
}

public sealed record AttemptTrace(AttemptStatus Status, ActionOutcome? Outcome = null);
