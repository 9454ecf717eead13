using Kairos.Core.Runs;

namespace Kairos.Scheduling;

/// <summary>What the scheduler did, as it happens: for metrics, the console's live view, and tests to await.</summary>
public sealed class SchedulerEvents
{
    /// <summary>A run's attempt began executing on this node; the instant is when its action started.</summary>
    public event Action<Run, DateTimeOffset>? RunStarted;

    /// <summary>An attempt's outcome was written to the store.</summary>
    public event Action<RunCompletion>? AttemptCompleted;

    /// <summary>A due run was skipped or failed without starting.</summary>
    public event Action<Run>? RunSkipped;

    /// <summary>A planning pass finished: how many slot runs it created.</summary>
    public event Action<int>? Planned;

    internal void OnRunStarted(Run run, DateTimeOffset at) => RunStarted?.Invoke(run, at);

    internal void OnAttemptCompleted(RunCompletion completion) => AttemptCompleted?.Invoke(completion);

    internal void OnRunSkipped(Run run) => RunSkipped?.Invoke(run);

    internal void OnPlanned(int created) => Planned?.Invoke(created);
}
