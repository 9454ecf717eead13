using Kairos.Calendars.Client;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Core.Calendars;
using Kairos.Core.Runs;
using Kairos.Server.Approvals;

namespace Kairos.Server.Operations.Calendars;

/// <summary>
/// Return a day to the calendar's rules (admin). It changes the calendar as much as overriding it, so the override
/// gate holds it too.
/// </summary>
internal sealed class RevertCalendarOverride(FourEyes fourEyes, CalendarChange change, CalendarImpactPreview preview, TimeProvider clock)
    : GatedOperation<RevertCalendarOverride.Payload, CalendarOverrideEntry>(fourEyes)
{
    internal sealed record Payload(string CalendarId, DateOnly Date, string Reason);

    public override string Name => GatedActions.CalendarRevert;

    public override Role Role => Role.Admin;

    public async Task<Outcome<CalendarOverrideEntry>> ExecuteAsync(Actor actor, string calendarId, string date, string? reason, CancellationToken ct)
    {
        if (RoleRefusal(actor) is { } role) return role;
        if (change.Find(calendarId, out var calendar) is { } missing) return missing;
        if (ParseDate(date, "date", out var day) is { } bad) return bad;
        if (string.IsNullOrWhiteSpace(reason)) return Refusal.Invalid("reason", ApiText.Get("Field.ReasonRequired"));
        if (await change.OverrideInForceAsync(calendar.Id, day, ct) is null) return Refusal.NotFound(ApiText.Get("Calendar.NoOverride", date, calendar.Id));
        var payload = new Payload(calendar.Id, day, reason.Trim());
        return await RunOrRequestAsync(actor, $"calendar:{calendar.Id}", $"return {day:yyyy-MM-dd} in {calendar.Id} to the calendar's rules",
            payload.Reason, payload, ct, GatedActions.CalendarOverride);
    }

    /// <summary>What <see cref="ExecuteAsync"/> would change, changing nothing.</summary>
    public async Task<Outcome<CalendarChangePreviewDto>> PreviewAsync(Actor actor, string calendarId, string date, bool details, CancellationToken ct)
    {
        if (RoleRefusal(actor) is { } role) return role;
        if (change.Find(calendarId, out var calendar) is { } missing) return missing;
        if (ParseDate(date, "date", out var day) is { } bad) return bad;
        if (await change.OverrideInForceAsync(calendar.Id, day, ct) is null) return Refusal.NotFound(ApiText.Get("Calendar.NoOverride", date, calendar.Id));
        var now = clock.GetUtcNow();
        var entry = new CalendarOverrideEntry(calendar.Id, day, OverrideAction.Revert, null, null, actor.Name, now, "", null);
        return Outcome<CalendarChangePreviewDto>.Done(await preview.DayAsync(calendar, entry, details, now, ct));
    }

    protected override async Task<Outcome<CalendarOverrideEntry>> CarryOutAsync(Actor actor, Payload p, string requestedBy, CancellationToken ct)
    {
        if (change.Find(p.CalendarId, out var calendar) is { } missing) return Outcome<CalendarOverrideEntry>.Refused(missing, $"calendar {p.CalendarId} is gone");
        if (await change.OverrideInForceAsync(calendar.Id, p.Date, ct) is null)
            return Outcome<CalendarOverrideEntry>.Refused(Refusal.NotFound(ApiText.Get("Calendar.NoOverride", $"{p.Date:yyyy-MM-dd}", calendar.Id)), $"{p.Date:yyyy-MM-dd} has no override any more");
        var entry = new CalendarOverrideEntry(calendar.Id, p.Date, OverrideAction.Revert, null, null, FourEyes.CarriedOutBy(actor, requestedBy), clock.GetUtcNow(), p.Reason, null);
        var saved = await change.AppendAsync(actor, calendar, entry, GatedActions.CalendarRevert, ct);
        return Outcome<CalendarOverrideEntry>.Done(saved, $"{p.Date:yyyy-MM-dd} follows the rules of {calendar.Id} again");
    }

    private static Refusal? ParseDate(string? text, string field, out DateOnly date)
    {
        if (!BusinessDates.TryParse(text, out date))
            return Refusal.Invalid(field, text is null ? ApiText.Get("Field.DateRequired") : ApiText.Get("Field.DateInvalid", text));
        // Business-day steps and neighbours near the ends of DateOnly would step out of it.
        return date < ApiLimits.FirstDate || date > ApiLimits.LastDate
            ? Refusal.Invalid(field, ApiText.Get("Field.DateOutOfRange", text!, BusinessDates.ToText(ApiLimits.FirstDate), BusinessDates.ToText(ApiLimits.LastDate)))
            : null;
    }
}
