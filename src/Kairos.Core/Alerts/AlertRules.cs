using Kairos.Core.Jobs;
using Kairos.Core.Reasons;
using Kairos.Core.Runs;
using Kairos.Core.Time;

namespace Kairos.Core.Alerts;

/// <summary>One reason to alert about one run, as a code: the alert's words are made where it is sent or shown.</summary>
public readonly record struct DueAlert(AlertKind Kind, Reason Why);

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
            due.Add(new(AlertKind.Failed, run.Detail is { Length: > 0 } d
                ? Reason.Of(ReasonCodes.AlertFailedBecause, $"{run.Id}", run.JobId, run.State.ToWire(), StoredReason.Read(d) is { } why ? (ReasonArg)why : d)
                : Reason.Of(ReasonCodes.AlertFailed, $"{run.Id}", run.JobId, run.State.ToWire())));
        // A step whose upstream never came is as urgent as one that failed: the chain stops there for that business date.
        if (run is { State: RunState.Skipped, SkipReason: SkipReason.DependencyTimeout })
            due.Add(new(AlertKind.DependencyTimeout, StoredReason.Read(run.Detail) is { } waited
                ? Reason.Of(ReasonCodes.AlertDependencyTimeout, $"{run.Id}", run.JobId, waited)
                : Reason.Of(ReasonCodes.AlertDependencyTimeout, $"{run.Id}", run.JobId, run.Detail ?? "")));
        if (sla is null || run.State == RunState.Skipped) return due;

        var expectedAt = run.SlotTime ?? run.CreatedAt;
        if (sla.StartWithin is { } within && StartedOrWaitedPast(run, SaturatingTime.Add(expectedAt, within), now) is { } startedLate)
            due.Add(new(AlertKind.LateStart, startedLate
                ? Reason.Of(ReasonCodes.AlertStartedLate, $"{run.Id}", run.JobId, Describe(run.StartedAt!.Value - expectedAt), Describe(within))
                : Reason.Of(ReasonCodes.AlertNotStarted, $"{run.Id}", run.JobId, Describe(now - expectedAt), Describe(within))));

        if (sla.FinishBy is { } by)
        {
            var deadline = FinishDeadline(expectedAt, by, zone);
            var late = run.FinishedAt is { } finished ? finished > deadline : !run.State.IsFinal() && now > deadline;
            if (late)
                due.Add(new(AlertKind.LateFinish, run.FinishedAt is null
                    ? Reason.Of(ReasonCodes.AlertNotFinished, $"{run.Id}", run.JobId, $"{by:HH\\:mm}", zone.Id)
                    : Reason.Of(ReasonCodes.AlertFinishedLate, $"{run.Id}", run.JobId, $"{by:HH\\:mm}", zone.Id)));
        }

        if (sla.MaxDuration is { } max && run.State == RunState.Running && run.StartedAt is { } started && now - started > max)
            due.Add(new(AlertKind.LongRunning, Reason.Of(ReasonCodes.AlertLongRunning, $"{run.Id}", run.JobId, Describe(now - started), Describe(max))));
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
