namespace Kairos.Core.Flows;

/// <summary>One state for a flow run (a flow on one business date), from its steps' latest runs.</summary>
public enum FlowRunState
{
    /// <summary>No step has a run for the date yet.</summary>
    Pending,

    /// <summary>Steps have runs, none has begun: due later, queued, or waiting for dependencies outside the flow.</summary>
    Waiting,

    /// <summary>A step has begun and the flow run has not ended.</summary>
    Running,

    /// <summary>Every step's latest run succeeded (or was skipped).</summary>
    Succeeded,

    /// <summary>A step did not succeed and nothing more will start without an operator (rerun, mark succeeded).</summary>
    Failed,

    /// <summary>A step's job is held and nothing runs.</summary>
    Held,
}

public static class FlowRunStates
{
    public static string ToWire(this FlowRunState state) => state.ToString().ToLowerInvariant();
}
