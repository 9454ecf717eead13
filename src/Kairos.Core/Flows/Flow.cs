using Kairos.Core.Dependencies;
using Kairos.Core.Jobs;
using Kairos.Core.Schedules;

namespace Kairos.Core.Flows;

/// <summary>
/// A step of a flow: a job, and the steps of the same flow it waits for on the same business date (its <c>after</c>
/// within the flow; a T-1 wait on a sibling is a dependency, not an edge of this date's graph).
/// </summary>
public sealed record FlowStep(Job Job, IReadOnlyList<string> Upstreams)
{
    public string Id => Job.Id;

    public bool IsRoot => Upstreams.Count == 0;
}

/// <summary>
/// Steps (jobs) that run as one DAG, one business date per flow run: the roots on the flow's schedule, the rest as their
/// <c>after</c> holds. Built from the jobs that name it, in the order of its file.
/// </summary>
public sealed record Flow(string Name, string? Description, FlowFailurePolicy OnFailure, WaitLimit? FinishBy, IReadOnlyList<FlowStep> Steps)
{
    /// <summary>The schedule the roots run on (every root has the flow's), or none for a flow run only when triggered.</summary>
    public Schedule? Schedule => Steps.FirstOrDefault(s => s.IsRoot)?.Job.Schedule;

    public FlowStep? Find(string stepId) => Steps.FirstOrDefault(s => s.Id == stepId);

    /// <summary><paramref name="stepId"/> and every step downstream of it, in flow order: what "rerun from here" reruns.</summary>
    public IReadOnlyList<FlowStep> FromStep(string stepId)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { stepId };
        // Steps are in file order, which need not be topological: repeat until nothing new is reached.
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var step in Steps)
                if (!reached.Contains(step.Id) && step.Upstreams.Any(reached.Contains)) grew = reached.Add(step.Id) | grew;
        }
        return Steps.Where(s => reached.Contains(s.Id)).ToList();
    }

    /// <summary>The flows the given jobs form, by name; jobs that are no flow's step are left out.</summary>
    public static IReadOnlyList<Flow> From(IEnumerable<Job> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return jobs.Where(j => j.Flow is not null).GroupBy(j => j.Flow!.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(Assemble).ToList();
    }

    private static Flow Assemble(IGrouping<string, Job> group)
    {
        var ordered = group.OrderBy(j => j.Flow!.Order).ThenBy(j => j.Id, StringComparer.Ordinal).ToList();
        var ids = ordered.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        var steps = ordered.Select(j => new FlowStep(j, (j.After ?? []).Where(d => d.Date == DependencyDate.Same && d.JobId is { } id && ids.Contains(id)).Select(d => d.JobId!).Distinct(StringComparer.Ordinal).ToList())).ToList();
        var part = ordered[0].Flow!;
        return new Flow(group.Key, part.Description, part.OnFailure, part.FinishBy, steps);
    }
}
