using Kairos.Core.Dependencies;
using Kairos.Core.Jobs;

namespace Kairos.Definitions;

/// <summary>
/// What a job's <c>after</c> means beside the other jobs, which the validator cannot see: every upstream job must exist,
/// and no job may wait, through others, for itself (a cycle could never start). Pure, for a job folder and for the API.
/// </summary>
public static class DependencyRules
{
    /// <summary>
    /// The problems of <paramref name="candidate"/> (added or changed) among the jobs that exist, given as job id → the
    /// jobs it runs after (its own entry, if any, is its old version and is replaced). Field names as the validator's.
    /// </summary>
    public static IReadOnlyList<(string Field, string Message)> Check(Job candidate, IReadOnlyDictionary<string, IReadOnlyList<string>> existingUpstreams)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(existingUpstreams);
        var errors = UnknownUpstreams(candidate, id => id == candidate.Id || existingUpstreams.ContainsKey(id)).ToList();
        var graph = new Dictionary<string, IReadOnlyList<string>>(existingUpstreams, StringComparer.Ordinal) { [candidate.Id] = Upstreams(candidate) };
        if (CycleThrough(candidate.Id, graph) is { } cycle) errors.Add(("after", CycleMessage(cycle)));
        return errors;
    }

    /// <summary>The ids a job runs after (its conditions are not jobs).</summary>
    public static IReadOnlyList<string> Upstreams(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return (job.After ?? []).Select(d => d.JobId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Each <c>after[i].job</c> of <paramref name="job"/> that names no job <paramref name="exists"/> knows.</summary>
    public static IEnumerable<(string Field, string Message)> UnknownUpstreams(Job job, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(exists);
        var after = job.After ?? [];
        for (var i = 0; i < after.Count; i++)
            if (after[i].JobId is { } upstream && !exists(upstream))
                yield return ($"after[{i}].job", DefinitionText.Get("after.unknownJob", upstream));
    }

    /// <summary>"these jobs wait for each other: a → b → a".</summary>
    public static string CycleMessage(IReadOnlyList<string> cycle) => DefinitionText.Get("after.cycle", string.Join(" → ", cycle));

    // The shortest way from the job back to itself, if any: a cycle elsewhere among the existing jobs is not this job's to answer for.
    private static IReadOnlyList<string>? CycleThrough(string start, IReadOnlyDictionary<string, IReadOnlyList<string>> graph)
    {
        var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var next in graph.GetValueOrDefault(id) ?? [])
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var at = id; at != start; at = cameFrom[at]) path.Add(at);
                    path.Add(start);
                    path.Reverse();
                    return path;
                }
                if (cameFrom.TryAdd(next, id)) queue.Enqueue(next);
            }
        }
        return null;
    }
}
