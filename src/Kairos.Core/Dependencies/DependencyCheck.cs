using Kairos.Calendars;
using Kairos.Core.Flows;
using Kairos.Core.Jobs;
using Kairos.Core.Reasons;
using Kairos.Core.Runs;

namespace Kairos.Core.Dependencies;

/// <summary>
/// Judges whether a run of a job with <c>after</c> may start, pure: every dependency must hold for the run's business
/// date. An upstream job's dependency holds when one of its runs for the counted date ended in the wanted state and none
/// of them is running (a rerun in progress may still change the answer). A condition holds when it is set for the date.
/// </summary>
public static class DependencyCheck
{
    // Longer than any closure a calendar has (a Korean holiday cluster with its weekends is about ten days).
    private const int MaxClosedDays = 60;

    public static DependencyVerdict Judge(Job job, DateOnly businessDate, DateTimeOffset dueAt, DateTimeOffset now, DependencyFacts facts)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(facts);
        var lines = (job.After ?? []).Select(d => Line(job, d, businessDate, facts)).ToList();
        var why = lines.FirstOrDefault(l => !l.Met)?.Why ?? Stopped(job, businessDate, facts);
        if (why is null) return new DependencyVerdict(DependencyStatus.Ready, lines);
        if (job.WaitUntil is { } limit)
        {
            var deadline = limit.Deadline(dueAt, ZoneOf(job));
            if (now >= deadline)
                return new DependencyVerdict(DependencyStatus.TimedOut, lines, Reason.Of(ReasonCodes.DependencyTimedOut, Stamp(deadline, job), why));
        }
        return new DependencyVerdict(DependencyStatus.Waiting, lines, why);
    }

    // A step of a flow that stops on failure does not start while another step of the same flow run's latest run did
    // not succeed, even on a branch of its own; a rerun that succeeds lets it go on.
    private static Reason? Stopped(Job job, DateOnly businessDate, DependencyFacts facts)
    {
        if (job.Flow is not { OnFailure: FlowFailurePolicy.Stop } flow) return null;
        var failed = facts.StepsOf(flow.Name).Where(id => id != job.Id).FirstOrDefault(id => LatestFailed(facts.StatesOf(id, businessDate).ToList()));
        return failed is null ? null : Reason.Of(ReasonCodes.FlowStopped, flow.Name, failed);
    }

    private static bool LatestFailed(List<RunState> states) => states.Count > 0 && states[^1].IsUnsuccessful();

    /// <summary>The business date a dependency counts for a run on <paramref name="businessDate"/>, before any closed-day rule.</summary>
    public static DateOnly CountedDate(Dependency dependency, DateOnly businessDate, ICalendar? calendar)
    {
        ArgumentNullException.ThrowIfNull(dependency);
        return dependency.Date == DependencyDate.Previous ? PreviousOpenDay(calendar, businessDate) : businessDate;
    }

    private static DependencyLine Line(Job job, Dependency dependency, DateOnly businessDate, DependencyFacts facts)
    {
        var date = CountedDate(dependency, businessDate, facts.CalendarOf(job));
        if (dependency.Condition is { } name)
        {
            return facts.IsSet(name, date)
                ? new DependencyLine(dependency, date, true, Reason.Of(ReasonCodes.DependencyConditionSet, name, BusinessDates.ToText(date)))
                : new DependencyLine(dependency, date, false, Reason.Of(ReasonCodes.DependencyWaitingCondition, name, BusinessDates.ToText(date)));
        }
        var upstreamId = dependency.JobId!;
        if (facts.Job(upstreamId) is not { } upstream)
            return new DependencyLine(dependency, date, false, Reason.Of(ReasonCodes.DependencyUnknownJob, upstreamId));
        var calendar = facts.CalendarOf(upstream);
        if (calendar is not null && !calendar.IsBusinessDay(date))
        {
            var closedWhy = calendar.NonBusinessReason(date) ?? "";
            switch (dependency.IfClosed)
            {
                case ClosedUpstream.Ignore:
                    return new DependencyLine(dependency, date, true, Reason.Of(ReasonCodes.DependencyClosedIgnored, upstreamId, BusinessDates.ToText(date), calendar.Id, closedWhy));
                case ClosedUpstream.Previous:
                    var previous = PreviousOpenDay(calendar, date);
                    var (met, why) = Upstream(upstreamId, dependency.State, previous, facts);
                    return new DependencyLine(dependency, previous, met,
                        Reason.Of(ReasonCodes.DependencyClosedPrevious, upstreamId, BusinessDates.ToText(date), calendar.Id, closedWhy, BusinessDates.ToText(previous), why));
            }
        }
        var (holds, reason) = Upstream(upstreamId, dependency.State, date, facts);
        return new DependencyLine(dependency, date, holds, reason);
    }

    private static (bool Met, Reason Why) Upstream(string jobId, UpstreamState wanted, DateOnly date, DependencyFacts facts)
    {
        var states = facts.StatesOf(jobId, date).ToList();
        var wire = wanted == UpstreamState.Succeeded ? "succeeded" : "finished";
        var running = states.Any(s => s == RunState.Running);
        // The latest run for the date speaks for the upstream: a rerun replaces what came before it, so a downstream
        // waits for a rerun still to come (rerun from a step) and does not go on from a success a later failure replaced.
        var latest = states.Count == 0 ? (RunState?)null : states[^1];
        var ended = latest is { } state && (wanted == UpstreamState.Succeeded ? state == RunState.Succeeded : state.IsFinal());
        if (ended && !running) return (true, Reason.Of(ReasonCodes.DependencyMet, jobId, BusinessDates.ToText(date), wire));
        var now = latest is null ? "none" : running ? "running" : latest.Value.ToWire();
        return (false, Reason.Of(ReasonCodes.DependencyWaitingJob, jobId, BusinessDates.ToText(date), wire, now));
    }

    /// <summary>The open day before <paramref name="day"/> on <paramref name="calendar"/> (the calendar day before, without one).</summary>
    public static DateOnly PreviousOpenDay(ICalendar? calendar, DateOnly day)
    {
        var previous = day.AddDays(-1);
        for (var i = 0; calendar is not null && !calendar.IsBusinessDay(previous) && i < MaxClosedDays; i++) previous = previous.AddDays(-1);
        return previous;
    }

    // A job without a schedule keeps its wall-clock times (waitUntil: "23:30") on the zone schedules default to.
    private static TimeZoneInfo ZoneOf(Job job) => job.Schedule?.Zone ?? Schedules.Schedule.DefaultZone;

    private static string Stamp(DateTimeOffset instant, Job job)
    {
        var zone = ZoneOf(job);
        return TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " " + zone.Id;
    }
}
