namespace Kairos.Core.Runs;

/// <summary>
/// A run's state. <see cref="Waiting"/> is a run held back by its dependencies (<c>after</c>): no node claims it until a
/// dependency pass finds its upstream runs and conditions in place and makes it <see cref="Scheduled"/>.
/// </summary>
public enum RunState { Scheduled, Queued, Waiting, Running, Succeeded, Failed, TimedOut, Killed, Skipped }

public static class RunStates
{
    public static bool IsFinal(this RunState state) => state >= RunState.Succeeded;

    /// <summary>Not started yet: due or planned (scheduled, queued), or held back by its dependencies (waiting).</summary>
    public static bool IsWaiting(this RunState state) => state is RunState.Scheduled or RunState.Queued or RunState.Waiting;

    /// <summary>Ended without success: the states an operator may mark succeeded.</summary>
    public static bool IsUnsuccessful(this RunState state) => state is RunState.Failed or RunState.TimedOut or RunState.Killed;

    /// <summary>The wire name: lower case with a hyphen, such as <c>timed-out</c>.</summary>
    public static string ToWire(this RunState state) => state == RunState.TimedOut ? "timed-out" : state.ToString().ToLowerInvariant();

    public static RunState FromWire(string text) =>
        Enum.TryParse<RunState>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var state)
            ? state
            : throw new FormatException($"Unknown run state '{text}'.");
}
