namespace Kairos.Core.Dependencies;

/// <summary>Which of the upstream's final states lets the dependent run: success only (default), or any end.</summary>
public enum UpstreamState { Succeeded, Finished }

/// <summary>Which business date of the upstream counts: the dependent run's own (default) or the one before it (T-1).</summary>
public enum DependencyDate { Same, Previous }

/// <summary>
/// What a dependency means on a date the upstream's calendar is closed (it has no slot that day).
/// <see cref="Previous"/> (default): the upstream's run for its latest business date before it, as a bank job needs the
/// freshest data; <see cref="Ignore"/>: the dependency does not apply that day; <see cref="Wait"/>: wait anyway, for a run an
/// operator starts for that date.
/// </summary>
public enum ClosedUpstream { Previous, Ignore, Wait }

/// <summary>
/// One entry of a job's <c>after</c>: a run of another job for a business date (<see cref="JobId"/>), or a named
/// external condition set for the business date (<see cref="Condition"/>); exactly one of the two.
/// </summary>
public sealed record Dependency(
    string? JobId,
    string? Condition = null,
    UpstreamState State = UpstreamState.Succeeded,
    DependencyDate Date = DependencyDate.Same,
    ClosedUpstream IfClosed = ClosedUpstream.Previous)
{
    public static Dependency OnJob(string jobId, UpstreamState state = UpstreamState.Succeeded, DependencyDate date = DependencyDate.Same,
        ClosedUpstream ifClosed = ClosedUpstream.Previous) => new(jobId, null, state, date, ifClosed);

    public static Dependency OnCondition(string name, DependencyDate date = DependencyDate.Same) => new(null, name, Date: date);
}
