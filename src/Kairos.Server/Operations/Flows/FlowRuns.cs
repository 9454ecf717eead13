using Kairos.Core.Flows;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Scheduling;

namespace Kairos.Server.Operations.Flows;

/// <summary>
/// The flows this node knows (from the jobs in the store) and how a flow stands on a business date: each step's latest
/// run for the date, judged by <see cref="FlowRunJudge"/>.
/// </summary>
internal sealed class FlowRuns(JobCatalog catalog, IKairosStore store)
{
    /// <summary>The flows whose every step <paramref name="mayRead"/>: a flow is shown whole or not at all.</summary>
    public IReadOnlyList<Flow> List(Func<string, bool> mayRead) =>
        Flow.From(catalog.Jobs).Where(f => f.Steps.All(s => mayRead(s.Id))).ToList();

    public Flow? Find(string name, Func<string, bool> mayRead) => List(mayRead).FirstOrDefault(f => f.Name == name);

    public async Task<FlowRunStatus> JudgeAsync(Flow flow, DateOnly date, CancellationToken ct)
    {
        var latest = new Dictionary<string, Run>(StringComparer.Ordinal);
        foreach (var step in flow.Steps)
        {
            // A rerun is a newer run of the same date: the latest one is the step's state.
            if ((await store.Runs.BusinessDateRunsAsync(step.Id, date, date, ct)).MaxBy(r => r.Id) is { } run) latest[step.Id] = run;
        }
        var held = (await store.Jobs.ListAsync(ct)).Where(j => j.Held).Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        return FlowRunJudge.Judge(flow, date, latest, held.Contains);
    }

    /// <summary>The latest business date any step of the flow has a run for, until <paramref name="until"/>.</summary>
    public async Task<DateOnly?> LatestDateAsync(Flow flow, DateOnly until, CancellationToken ct)
    {
        var dates = await RecentDatesAsync(flow, until, 1, ct);
        return dates.Count == 0 ? null : dates.Max();
    }

    /// <summary>The latest <paramref name="count"/> business dates any step of the flow has runs for, until <paramref name="until"/>.</summary>
    public Task<IReadOnlyList<DateOnly>> RecentDatesAsync(Flow flow, DateOnly until, int count, CancellationToken ct) =>
        store.Runs.RecentBusinessDatesAsync([.. flow.Steps.Select(s => s.Id)], until, count, ct);
}
