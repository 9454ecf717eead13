namespace Kairos.Core.Reasons;

/// <summary>
/// Every reason code Core gives, with its arguments in order. The edges keep a text for each code in every language
/// (the server's Resources/ReasonText*.resx); a test checks that none is missing.
/// </summary>
public static class ReasonCodes
{
    /// <summary>(date, calendar id, the day's name): the slot's day is closed on the job's calendar.</summary>
    public const string NotBusinessDay = "slot.notBusinessDay";

    /// <summary>(why the day is closed, the new local date and time): the slot moved to another business day.</summary>
    public const string MovedTo = "slot.movedTo";

    /// <summary>(the closed date, its name): this slot stands in for one on that closed day, moved to the next business day.</summary>
    public const string MovedHereAsNext = "slot.movedHereAsNext";

    /// <summary>(the closed date, its name): this slot stands in for one on that closed day, moved to the previous business day.</summary>
    public const string MovedHereAsPrevious = "slot.movedHereAsPrevious";

    /// <summary>(): held when the slot came due.</summary>
    public const string HeldAtSlot = "claim.heldAtSlot";

    /// <summary>(): held when the message arrived.</summary>
    public const string HeldAtMessage = "claim.heldAtMessage";

    /// <summary>(runs still running): forbid skips a slot that overlaps an earlier run.</summary>
    public const string Overlapped = "claim.overlapped";

    /// <summary>(seconds late, catch-up window): claimed late, older than the catch-up window.</summary>
    public const string LateBeyondCatchup = "claim.lateBeyondCatchup";

    /// <summary>(seconds late): claimed late; the misfire policy is skip.</summary>
    public const string LateSkipped = "claim.lateSkipped";

    /// <summary>(seconds late): claimed late; run-once runs only the latest.</summary>
    public const string LateNotLatest = "claim.lateNotLatest";

    /// <summary>(catch-up window): came due while no scheduler ran, older than the catch-up window.</summary>
    public const string MissedBeyondCatchup = "misfire.beyondCatchup";

    /// <summary>(misfire mode): came due while no scheduler ran; the policy runs only the latest.</summary>
    public const string MissedNotLatest = "misfire.notLatest";

    /// <summary>(job id): a queued run whose job was deleted before it started.</summary>
    public const string JobGone = "claim.jobGone";

    /// <summary>(secret references): the attempt did not start because these could not be read.</summary>
    public const string SecretsMissing = "secret.missing";

    // How a schedule picks its days (DayRule): shown by explain and the console.
    public const string EveryDay = "dayRule.everyDay";
    public const string BusinessDays = "dayRule.businessDays";
    public const string BusinessDaysNext = "dayRule.businessDaysNext";
    public const string BusinessDaysPrevious = "dayRule.businessDaysPrevious";
    public const string LastBusinessDay = "dayRule.lastBusinessDay";

    /// <summary>(business days before the last).</summary>
    public const string BeforeLastBusinessDay = "dayRule.beforeLast";

    /// <summary>(N).</summary>
    public const string NthBusinessDay = "dayRule.nth";

    // Alerts (AlertRules): (run id, job id, …).
    /// <summary>(run id, job id, state).</summary>
    public const string AlertFailed = "alert.failed";

    /// <summary>(run id, job id, state, the run's detail: a reason or text).</summary>
    public const string AlertFailedBecause = "alert.failedBecause";

    /// <summary>(run id, job id, how late, the SLA).</summary>
    public const string AlertStartedLate = "alert.startedLate";

    /// <summary>(run id, job id, how long it has waited, the SLA).</summary>
    public const string AlertNotStarted = "alert.notStarted";

    /// <summary>(run id, job id, finish-by time, zone).</summary>
    public const string AlertNotFinished = "alert.notFinished";

    /// <summary>(run id, job id, finish-by time, zone).</summary>
    public const string AlertFinishedLate = "alert.finishedLate";

    /// <summary>(run id, job id, how long it has run, the expected maximum).</summary>
    public const string AlertLongRunning = "alert.longRunning";

    /// <summary>(job id, business date, wanted state succeeded|finished, its latest run's state or none): waits for an upstream run.</summary>
    public const string DependencyWaitingJob = "dependency.waitingJob";

    /// <summary>(condition name, business date): waits for an external condition.</summary>
    public const string DependencyWaitingCondition = "dependency.waitingCondition";

    /// <summary>(job id, business date, wanted state): the upstream run is there.</summary>
    public const string DependencyMet = "dependency.met";

    /// <summary>(condition name, business date): the condition is set.</summary>
    public const string DependencyConditionSet = "dependency.conditionSet";

    /// <summary>(job id): the upstream job does not exist (any more).</summary>
    public const string DependencyUnknownJob = "dependency.unknownJob";

    /// <summary>(job id, date, calendar, why closed): the upstream's calendar is closed that day; the dependency does not apply.</summary>
    public const string DependencyClosedIgnored = "dependency.closedIgnored";

    /// <summary>(job id, date, calendar, why closed, previous business date, the reason for that date): its latest business date before counts.</summary>
    public const string DependencyClosedPrevious = "dependency.closedPrevious";

    /// <summary>(run id, job id, why it was skipped): a step's dependencies did not hold by its waitUntil.</summary>
    public const string AlertDependencyTimeout = "alert.dependencyTimeout";

    /// <summary>(deadline, the reason it still waited): skipped, the dependencies did not hold by the job's waitUntil.</summary>
    public const string DependencyTimedOut = "dependency.timedOut";

    /// <summary>(flow, business date, deadline, zone, the flow run's state): a flow run has not finished by its finishBy.</summary>
    public const string AlertFlowNotFinished = "alert.flowNotFinished";

    /// <summary>(flow, business date, deadline, zone): a flow run finished after its finishBy.</summary>
    public const string AlertFlowFinishedLate = "alert.flowFinishedLate";

    /// <summary>(the upstream steps not yet succeeded, business date): a flow step has no run until its upstream steps end.</summary>
    public const string FlowWaitingForSteps = "flow.waitingForSteps";

    /// <summary>(the failed step): an upstream step of the same flow run did not succeed; a rerun of it lets this one go on.</summary>
    public const string FlowBlocked = "flow.blocked";

    /// <summary>(flow, the failed step): the flow stops on failure, so no more of its steps start for the date.</summary>
    public const string FlowStopped = "flow.stopped";

    public static IReadOnlyList<string> All { get; } =
    [
        NotBusinessDay, MovedTo, MovedHereAsNext, MovedHereAsPrevious, HeldAtSlot, HeldAtMessage, Overlapped,
        LateBeyondCatchup, LateSkipped, LateNotLatest, MissedBeyondCatchup, MissedNotLatest, JobGone, SecretsMissing,
        EveryDay, BusinessDays, BusinessDaysNext, BusinessDaysPrevious, LastBusinessDay, BeforeLastBusinessDay, NthBusinessDay,
        AlertFailed, AlertFailedBecause, AlertStartedLate, AlertNotStarted, AlertNotFinished, AlertFinishedLate, AlertLongRunning,
        DependencyWaitingJob, DependencyWaitingCondition, DependencyMet, DependencyConditionSet, DependencyUnknownJob, DependencyClosedIgnored,
        DependencyClosedPrevious, DependencyTimedOut, AlertDependencyTimeout, FlowWaitingForSteps, FlowBlocked, FlowStopped,
        AlertFlowNotFinished, AlertFlowFinishedLate,
    ];
}
