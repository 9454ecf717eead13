using Kairos.Core.Reasons;
using Kairos.Core.Runs;

namespace Kairos.Core.Flows;

/// <summary>A step as it stands in one flow run: its latest run for the date (none yet), and why it has not started.</summary>
/// <param name="Blocked">It cannot start until an operator acts: an upstream step failed, or the flow stopped.</param>
public sealed record FlowStepStatus(FlowStep Step, Run? Run, bool Blocked, Reason? Why);

/// <summary>A flow on one business date: its state and each step's.</summary>
public sealed record FlowRunStatus(Flow Flow, DateOnly BusinessDate, FlowRunState State, IReadOnlyList<FlowStepStatus> Steps)
{
    public DateTimeOffset? StartedAt => Steps.Select(s => s.Run?.StartedAt).Min();

    /// <summary>When the last step ended, once the flow run has ended.</summary>
    public DateTimeOffset? FinishedAt => State is FlowRunState.Succeeded or FlowRunState.Failed ? Steps.Select(s => s.Run?.FinishedAt).Max() : null;
}

/// <summary>Works out a flow run's state from its steps' latest runs for the date. Pure: the caller reads the store.</summary>
public static class FlowRunJudge
{
    /// <param name="latest">Each step's latest run for <paramref name="date"/> (a rerun replaces what came before); steps without one are missing.</param>
    /// <param name="isHeld">Whether a step's job is held now.</param>
    public static FlowRunStatus Judge(Flow flow, DateOnly date, IReadOnlyDictionary<string, Run> latest, Func<string, bool> isHeld)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(isHeld);
        var failed = flow.Steps.Where(s => latest.TryGetValue(s.Id, out var run) && Failed(run)).Select(s => s.Id).ToList();
        var downstreamOfFailed = failed.SelectMany(f => flow.FromStep(f)).Select(s => s.Id).Except(failed, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var dateText = BusinessDates.ToText(date);

        var steps = new List<FlowStepStatus>();
        foreach (var step in flow.Steps)
        {
            var run = latest.GetValueOrDefault(step.Id);
            var begun = run is not null && (run.StartedAt is not null || run.State.IsFinal());
            if (begun)
            {
                steps.Add(new FlowStepStatus(step, run, false, null));
                continue;
            }
            if (downstreamOfFailed.Contains(step.Id))
            {
                var cause = failed.First(f => flow.FromStep(f).Any(s => s.Id == step.Id));
                steps.Add(new FlowStepStatus(step, run, true, Reason.Of(ReasonCodes.FlowBlocked, cause)));
            }
            else if (failed.Count > 0 && flow.OnFailure == FlowFailurePolicy.Stop)
            {
                steps.Add(new FlowStepStatus(step, run, true, Reason.Of(ReasonCodes.FlowStopped, flow.Name, failed[0])));
            }
            else if (run is null && !step.IsRoot)
            {
                var open = step.Upstreams.Where(u => latest.GetValueOrDefault(u)?.State != RunState.Succeeded).ToList();
                steps.Add(new FlowStepStatus(step, null, false, Reason.Of(ReasonCodes.FlowWaitingForSteps, string.Join(", ", open.Count > 0 ? open : step.Upstreams), dateText)));
            }
            else
            {
                steps.Add(new FlowStepStatus(step, run, false, null));
            }
        }
        return new FlowRunStatus(flow, date, StateOf(steps, isHeld), steps);
    }

    private static FlowRunState StateOf(IReadOnlyList<FlowStepStatus> steps, Func<string, bool> isHeld)
    {
        var runs = steps.Select(s => s.Run).OfType<Run>().ToList();
        if (runs.Any(r => r.State == RunState.Running)) return FlowRunState.Running;
        if (steps.All(s => s.Run is { } r && Done(r))) return FlowRunState.Succeeded;
        // Steps that may still start without an operator: not blocked, not yet ended.
        var open = steps.Where(s => !s.Blocked && s.Run?.State.IsFinal() != true).ToList();
        if (runs.Any(r => r.SkipReason == SkipReason.Held) || open.Any(s => isHeld(s.Step.Id))) return FlowRunState.Held;
        if (runs.Any(Failed) && open.Count == 0) return FlowRunState.Failed;
        if (runs.Count == 0) return FlowRunState.Pending;
        return runs.Any(r => r.StartedAt is not null || r.State.IsFinal()) ? FlowRunState.Running : FlowRunState.Waiting;
    }

    // Succeeded, or skipped for the date by an operator: the downstream may go on.
    private static bool Done(Run run) => run.State == RunState.Succeeded || run is { State: RunState.Skipped, SkipReason: SkipReason.Operator };

    // Ended without success, so the downstream will not start on it: failed, timed out, killed, or skipped for any reason
    // but an operator's or a hold (its dependencies timed out, its slot was missed or moved).
    private static bool Failed(Run run) =>
        run.State.IsUnsuccessful() || run is { State: RunState.Skipped, SkipReason: not (SkipReason.Operator or SkipReason.Held) };
}
