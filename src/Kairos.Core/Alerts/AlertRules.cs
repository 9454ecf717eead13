using Kairos.Core.Jobs;
using Kairos.Core.Runs;

namespace Kairos.Core.Alerts;

/// <summary>One reason to alert about one run, with the words an operator reads.</summary>
public readonly record struct DueAlert(AlertKind Kind, string Message);

/// <summary>
/// Which alerts a run deserves at an instant, from its state and its job's SLA. Pure: the monitor asks again on every
/// pass, and the store's record of what was sent is what keeps an alert from going out twice.
/// </summary>
public static class AlertRules
{
    public static IReadOnlyList<DueAlert> Due(Run run, Sla? sla, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(zone);
        var due = new List<DueAlert>();
        if (run.State is RunState.Failed or RunState.TimedOut)
            due.Add(new(AlertKind.Failed, $"run {run.Id} of {run.JobId} {run.State.ToWire()}" + (run.Detail is { Length: > 0 } d ? $": {d}" : "")));
        if (sla is null || run.State == RunState.Skipped) return due;

        var expectedAt = run.SlotTime ?? run.CreatedAt;
        if (sla.StartWithin is { } within && StartedOrWaitedPast(run, expectedAt + within, now) is { } startedLate)
            due.Add(new(AlertKind.LateStart, startedLate
                ? $"run {run.Id} of {run.JobId} started {Describe(run.StartedAt!.Value - expectedAt)} after its slot; the SLA is {Describe(within)}"
                : $"run {run.Id} of {run.JobId} has not started {Describe(now - expectedAt)} after its slot; the SLA is {Describe(within)}"));

        if (sla.FinishBy is { } by)
        {
            var deadline = FinishDeadline(expectedAt, by, zone);
            var late = run.FinishedAt is { } finished ? finished > deadline : !run.State.IsFinal() && now > deadline;
            if (late)
                due.Add(new(AlertKind.LateFinish, run.FinishedAt is null
                    ? $"run {run.Id} of {run.JobId} has not finished and was due to finish by {by:HH\\:mm} {zone.Id}"
                    : $"run {run.Id} of {run.JobId} finished after {by:HH\\:mm} {zone.Id}, the time it was due to finish by"));
        }

        if (sla.MaxDuration is { } max && run.State == RunState.Running && run.StartedAt is { } started && now - started > max)
            due.Add(new(AlertKind.LongRunning, $"run {run.Id} of {run.JobId} has been running for {Describe(now - started)}; expected at most {Describe(max)}"));
        return due;
    }

    /// <summary>The first instant at <paramref name="by"/> in the zone on or after the run was expected.</summary>
    public static DateTimeOffset FinishDeadline(DateTimeOffset expectedAt, TimeOnly by, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(expectedAt, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) > by) day = day.AddDays(1);
        var wall = day.ToDateTime(by);
        // A wall time skipped by a daylight-saving jump is read an hour later, as the clock shows it.
        if (zone.IsInvalidTime(wall)) wall = wall.AddHours(1);
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }

    /// <summary>True: started after the deadline; false: still waiting past it; null: on time (or not yet known).</summary>
    private static bool? StartedOrWaitedPast(Run run, DateTimeOffset deadline, DateTimeOffset now)
    {
        if (run.StartedAt is { } started) return started > deadline ? true : null;
        return run.State.IsWaiting() && now > deadline ? false : null;
    }

    private static string Describe(TimeSpan span) => span.TotalSeconds switch
    {
        < 120 => $"{Math.Round(span.TotalSeconds)}s",
        < 7200 => $"{Math.Round(span.TotalMinutes)}m",
        _ => $"{span.TotalHours:0.#}h",
    };
}
