using Kairos.Core.Dependencies;
using Kairos.Core.Jobs;
using Kairos.Core.Runs;

namespace Kairos.Scheduling;

public sealed partial class DependencyResolver
{
    // Upstream runs ended and conditions set back to since, if given, from the store, and the endings this node wrote.
    private async Task<(IReadOnlyList<(string JobId, DateOnly BusinessDate)> Ended, IReadOnlyList<(string Name, DateOnly BusinessDate)> Conditions)> ReadEndingsAsync(
        IReadOnlyList<Job> unscheduled, DateTimeOffset? since, IReadOnlyList<(string JobId, DateOnly Date)> endedHere, CancellationToken cancellationToken)
    {
        if (unscheduled.Count == 0 || since is not { } from) return (endedHere, []);
        var upstreamIds = unscheduled.SelectMany(j => j.After!).Where(d => d.JobId is not null).Select(d => d.JobId!).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<(string JobId, DateOnly BusinessDate)> ended = upstreamIds.Count == 0
            ? endedHere
            : [.. await store.Runs.EndedDatesSinceAsync(upstreamIds, from, cancellationToken).ConfigureAwait(false), .. endedHere];
        var needsConditions = unscheduled.Any(j => j.After!.Any(d => d.Condition is not null));
        var conditions = needsConditions ? await store.Conditions.SetSinceAsync(from, cancellationToken).ConfigureAwait(false) : [];
        return (ended, conditions.Select(c => (c.Name, c.BusinessDate)).ToList());
    }

    // A dependent job without a schedule gets a run for each business date its upstream runs ended for (shifted one
    // business day on for a T-1 dependency), and for each date its conditions were set for. Returns how many runs were
    // created, and how many of those were created released.
    private async Task<(int Created, int Released)> CreateDateRunsAsync(IReadOnlyList<Job> unscheduled, IReadOnlyList<(string JobId, DateOnly BusinessDate)> ended,
        IReadOnlyList<(string Name, DateOnly BusinessDate)> conditions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (unscheduled.Count == 0) return (0, 0);
        var endedBy = ended.ToLookup(e => e.JobId, e => e.BusinessDate, StringComparer.Ordinal);
        var setBy = conditions.ToLookup(c => c.Name, c => c.BusinessDate, StringComparer.Ordinal);
        var runs = new List<NewRun>();
        foreach (var job in unscheduled)
        {
            var dates = new SortedSet<DateOnly>();
            foreach (var dependency in job.After!)
            {
                var sources = dependency.JobId is { } upstream ? endedBy[upstream] : setBy[dependency.Condition!];
                foreach (var date in sources) dates.Add(dependency.Date == DependencyDate.Previous ? date.AddDays(1) : date);
            }
            runs.AddRange(dates.Where(d => !_known.Contains(job.Id, d)).Select(d => new NewRun(job.Id, null, TriggerKind.Dependency, d, now, RunState.Waiting)));
        }
        _known.Forget(now - options.DependencyLookback - Overlap - Overlap);
        if (runs.Count == 0) return (0, 0);
        var (ready, waiting) = await JudgeNewAsync(runs, now, cancellationToken).ConfigureAwait(false);
        var released = ready.Count == 0 ? [] : await store.Runs.AddReleasedDependencyRunsAsync(ready, now, cancellationToken).ConfigureAwait(false);
        var created = waiting.Count == 0 ? 0 : await store.Runs.AddDependencyRunsAsync(waiting, now, cancellationToken).ConfigureAwait(false);
        _known.Add(runs.Select(r => (r.JobId, r.BusinessDate!.Value)), now);
        return (released.Count + created, released.Count);
    }

    // A new run whose dependencies already hold is created released: the same verdict the waiting pass would reach a
    // moment later, without writing the run twice. The store still creates at most one run per (job, business date),
    // whichever way it is created, and the rest wait and are judged by the pass as before.
    private async Task<(List<(NewRun Run, string Why)> Ready, List<NewRun> Waiting)> JudgeNewAsync(List<NewRun> runs, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var jobs = runs.Select(r => catalog.Find(r.JobId)).OfType<Job>().DistinctBy(j => j.Id).ToList();
        var facts = await GatherAsync(jobs, runs.Select(r => r.BusinessDate!.Value).ToList(), cancellationToken).ConfigureAwait(false);
        var ready = new List<(NewRun, string)>();
        var waiting = new List<NewRun>();
        foreach (var run in runs)
        {
            var verdict = catalog.Find(run.JobId) is { HasDependencies: true } job ? DependencyCheck.Judge(job, run.BusinessDate!.Value, run.DueAt, now, facts) : null;
            if (verdict?.Status == DependencyStatus.Ready) ready.Add((run with { State = RunState.Scheduled }, Transition(verdict)));
            else waiting.Add(run);
        }
        return (ready, waiting);
    }
}
