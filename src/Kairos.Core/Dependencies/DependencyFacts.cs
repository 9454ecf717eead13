using Kairos.Calendars;
using Kairos.Core.Jobs;
using Kairos.Core.Runs;

namespace Kairos.Core.Dependencies;

/// <summary>
/// What a dependency check reads, gathered by the caller beforehand so the check itself stays pure: the jobs and their
/// calendars, the states of upstream runs by business date, and the external conditions that are set. For a step of a
/// flow that stops on failure, the runs of its flow's other steps are among the runs, and <paramref name="flowSteps"/>
/// names them.
/// </summary>
public sealed class DependencyFacts(
    Func<string, Job?> jobs,
    Func<string, ICalendar?> calendars,
    IEnumerable<(string JobId, DateOnly Date, RunState State)> runs, // in the order the runs were created
    IEnumerable<(string Name, DateOnly Date)> conditions,
    Func<string, IEnumerable<string>>? flowSteps = null)
{
    private readonly ILookup<(string, DateOnly), RunState> _runs = runs.ToLookup(r => (r.JobId, r.Date), r => r.State);
    private readonly HashSet<(string, DateOnly)> _conditions = conditions.ToHashSet();

    public Job? Job(string id) => jobs(id);

    /// <summary>The calendar a job's schedule names; null when it has none (every day is open to it).</summary>
    public ICalendar? CalendarOf(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Schedule?.CalendarId is { } id ? calendars(id) : null;
    }

    public IEnumerable<RunState> StatesOf(string jobId, DateOnly date) => _runs[(jobId, date)];

    public bool IsSet(string condition, DateOnly date) => _conditions.Contains((condition, date));

    /// <summary>The step ids of a flow (none when the caller did not gather them).</summary>
    public IEnumerable<string> StepsOf(string flow) => flowSteps?.Invoke(flow) ?? [];
}
