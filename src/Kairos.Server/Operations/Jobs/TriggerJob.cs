using Kairos.Calendars;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Schedules;
using Kairos.Scheduling;
using Kairos.Server.Approvals;

namespace Kairos.Server.Operations.Jobs;

/// <summary>
/// Run a job now, for a business date: by default today's, by the job's business-date rule on its calendar (a
/// Saturday's run is Monday's business by default). A date the job's calendar closed is refused unless the caller
/// confirms it: an operator who typed a Saturday by mistake gets a warning, not a run. A trigger for a business date
/// before today's is a backfill by another door, so the backfill gate holds it too.
/// </summary>
internal sealed class TriggerJob(FourEyes fourEyes, IKairosStore store, JobCatalog catalog, CalendarCatalog calendars, OwnerScope scope, OperationAudit audit,
    KairosScheduler scheduler, TimeProvider clock)
    : GatedOperation<TriggerJob.Payload, QueuedRun>(fourEyes)
{
    internal sealed record Payload(string JobId, DateOnly BusinessDate, string Reason);

    public override string Name => GatedActions.Trigger;

    public async Task<Outcome<QueuedRun>> ExecuteAsync(Actor actor, string jobId, string? businessDate, string? reason, CancellationToken ct, bool confirmClosedDay = false)
    {
        if (RoleRefusal(actor) is { } role) return role;
        if (Refusal.ReasonMissing(reason) is { } missing) return missing;
        if (!scope.MayRead(actor, await store.Jobs.GetAsync(jobId, ct))) return Refusal.NotFound(ApiText.Get("Job.NotFound", jobId));
        if (scope.ActRefusal(actor, jobId) is { } refused) return refused;
        var schedule = catalog.Find(jobId)?.Schedule;
        var zone = schedule?.Zone ?? Schedule.DefaultZone;
        await calendars.RefreshAsync(ct);
        var calendar = schedule?.CalendarId is { } calendarId ? calendars.Find(calendarId) : null;
        var today = (schedule?.DateRuleOn(calendar) ?? BusinessDateRule.Default)
            .BusinessDateAt(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime, calendar);
        var date = today;
        if (businessDate is { } text && !BusinessDates.TryParse(text, out date))
            return Refusal.Invalid("businessDate", ApiText.Get("Field.DateInvalid", text));
        if (date < ApiLimits.FirstDate || date > ApiLimits.LastDate)
            return Refusal.Invalid("businessDate", ApiText.Get("Field.DateOutOfRange", businessDate!, BusinessDates.ToText(ApiLimits.FirstDate), BusinessDates.ToText(ApiLimits.LastDate)));
        if (!confirmClosedDay && calendar is not null && !calendar.IsBusinessDay(date))
            return Refusal.Invalid("confirmClosedDay", ApiText.Get("Trigger.ClosedDay", BusinessDates.ToText(date)!, calendar.Id, calendar.DescribeNonBusinessDay(date) ?? ""));
        var payload = new Payload(jobId, date, reason!.Trim());
        var past = date < today;
        var summary = past ? $"trigger {jobId} for the past business date {date:yyyy-MM-dd} (a backfill)" : $"trigger {jobId} for business date {date:yyyy-MM-dd}";
        return await RunOrRequestAsync(actor, $"job:{jobId}", summary, payload.Reason, payload, ct, past ? [GatedActions.Backfill] : []);
    }

    protected override Task<JobOfPayload> JobOfAsync(Payload payload, CancellationToken ct) => Task.FromResult(new JobOfPayload(payload.JobId));

    protected override async Task<Outcome<QueuedRun>> CarryOutAsync(Actor actor, Payload p, string requestedBy, CancellationToken ct)
    {
        if (scope.ActRefusal(actor, p.JobId) is { } refused) return Outcome<QueuedRun>.Refused(refused, "not allowed");
        if (await store.Jobs.GetAsync(p.JobId, ct) is null) return Outcome<QueuedRun>.Refused(Refusal.NotFound(ApiText.Get("Job.NotFound", p.JobId)), "the job no longer exists");
        var now = clock.GetUtcNow();
        var runId = await store.Runs.AddRunAsync(new NewRun(p.JobId, null, TriggerKind.Manual, p.BusinessDate, now, RunState.Queued, RequestedBy: requestedBy,
            Detail: $"triggered by {FourEyes.CarriedOutBy(actor, requestedBy)}: {p.Reason}"), now, ct);
        var date = BusinessDates.ToText(p.BusinessDate);
        await audit.RecordAsync(actor, GatedActions.Trigger, $"job:{p.JobId}", p.Reason, $"run {runId} for {date}");
        scheduler.Wake();
        return Outcome<QueuedRun>.Done(new QueuedRun(runId, p.JobId, p.BusinessDate), $"run {runId} queued for {date}");
    }
}
