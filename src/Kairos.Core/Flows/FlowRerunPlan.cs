using Kairos.Core.Runs;

namespace Kairos.Core.Flows;

/// <summary>
/// What "rerun from a step" creates for one flow run: the step again (queued now), and a new waiting run for every step
/// downstream of it that has already ended, so each waits for the new upstream run rather than counting the old one.
/// A downstream step still waiting keeps its run (it now waits for the rerun); one that has no run yet gets one from
/// the dependency pass once its upstream ends. Pure: the caller reads the latest runs and writes the result in one
/// transaction.
/// </summary>
public static class FlowRerunPlan
{
    /// <summary>The runs to create, or the step that stops the plan because it has not ended (running, or about to start).</summary>
    public static (IReadOnlyList<NewRun> Runs, FlowStep? Busy) Make(Flow flow, DateOnly date, string fromStep, IReadOnlyDictionary<string, Run> latest,
        DateTimeOffset now, string requestedBy, string detail)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(latest);
        var steps = flow.FromStep(fromStep);
        var runs = new List<NewRun>();
        foreach (var step in steps)
        {
            var run = latest.GetValueOrDefault(step.Id);
            var first = step.Id == fromStep;
            // The step itself must have ended (or never run); a downstream step may also still wait, which it goes on doing.
            if (run is not null && !run.State.IsFinal() && (first || run.State != RunState.Waiting)) return ([], step);
            if (first)
                runs.Add(new NewRun(step.Id, null, TriggerKind.Manual, date, now, RunState.Queued, Detail: detail, RequestedBy: requestedBy, RerunOf: run?.Id));
            else if (run is { } ended && ended.State.IsFinal())
                runs.Add(new NewRun(step.Id, null, TriggerKind.Manual, date, now, RunState.Waiting, Detail: detail, RequestedBy: requestedBy, RerunOf: ended.Id));
        }
        return (runs, null);
    }
}
