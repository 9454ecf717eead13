using Kairos.Calendars.Client;
using Kairos.Core.Ports;
using Kairos.Core.Calendars;
using Kairos.Core.Access;
using Kairos.Core.Runs;
using Kairos.Server.Approvals;

namespace Kairos.Server.Operations.Calendars;

/// <summary>Close or open one day of a calendar, with a reason and a source (admin); or preview what that would change.</summary>
internal sealed class AddCalendarOverride(FourEyes fourEyes, CalendarChange change, CalendarImpactPreview preview, TimeProvider clock)
    : GatedOperation<AddCalendarOverride.Payload, CalendarOverrideEntry>(fourEyes)
{
    internal sealed record Payload(string CalendarId, OverrideRequest Request);

    public override string Name => GatedActions.CalendarOverride;

    public override Role Role => Role.Admin;

    public async Task<Outcome<CalendarOverrideEntry>> ExecuteAsync(Actor actor, string calendarId, OverrideRequest? body, CancellationToken ct)
    {
        if (RoleRefusal(actor) is { } role) return role;
        if (change.Find(calendarId, out var calendar) is { } missing) return missing;
        if (Invalid(body, reasonRequired: true) is { } invalid) return invalid;
        var date = BusinessDates.Parse(body!.Date!);
        var summary = $"make {date:yyyy-MM-dd} a {(body.BusinessDay!.Value ? "business day" : $"non-business day ({body.Name ?? body.NameKo})")} in {calendar.Id}";
        return await RunOrRequestAsync(actor, $"calendar:{calendar.Id}", summary, body.Reason, new Payload(calendar.Id, body), ct);
    }

    /// <summary>What <see cref="ExecuteAsync"/> would change, changing nothing; the reason may still be missing.</summary>
    public async Task<Outcome<CalendarChangePreviewDto>> PreviewAsync(Actor actor, string calendarId, OverrideRequest? body, bool details, CancellationToken ct)
    {
        if (RoleRefusal(actor) is { } role) return role;
        if (change.Find(calendarId, out var calendar) is { } missing) return missing;
        if (Invalid(body, reasonRequired: false) is { } invalid) return invalid;
        var entry = Entry(calendar.Id, body!, actor.Name, clock.GetUtcNow());
        return Outcome<CalendarChangePreviewDto>.Done(await preview.DayAsync(calendar, entry, details, entry.At, ct));
    }

    protected override async Task<Outcome<CalendarOverrideEntry>> CarryOutAsync(Actor actor, Payload payload, string requestedBy, CancellationToken ct)
    {
        var (calendarId, body) = payload;
        if (change.Find(calendarId, out var calendar) is { } missing) return Outcome<CalendarOverrideEntry>.Refused(missing, $"calendar {calendarId} is gone");
        var entry = Entry(calendar.Id, body, FourEyes.CarriedOutBy(actor, requestedBy), clock.GetUtcNow());
        var saved = await change.AppendAsync(actor, calendar, entry, GatedActions.CalendarOverride, ct);
        return Outcome<CalendarOverrideEntry>.Done(saved, $"{entry.Date:yyyy-MM-dd} is now a {(body.BusinessDay!.Value ? "business day" : "non-business day")} in {calendar.Id}");
    }

    private static Refusal? Invalid(OverrideRequest? body, bool reasonRequired)
    {
        if (body is null) return Refusal.Invalid("", ApiText.Get("Override.BodyRequired"));
        var errors = new Dictionary<string, string[]>();
        if (!BusinessDates.TryParse(body.Date, out _)) errors["date"] = [body.Date is null ? ApiText.Get("Field.DateRequired") : ApiText.Get("Field.DateInvalid", body.Date)];
        if (body.BusinessDay is null) errors["businessDay"] = [ApiText.Get("Field.BusinessDayRequired")];
        if (reasonRequired && string.IsNullOrWhiteSpace(body.Reason)) errors["reason"] = [ApiText.Get("Field.ReasonRequired")];
        if (body.BusinessDay == false && Blank(body.Name) && Blank(body.NameKo)) errors["name"] = [ApiText.Get("Field.NameRequired")];
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    // A closed day needs a name; an opened day keeps one when given (a bank's special open day has one), in both languages.
    private static CalendarOverrideEntry Entry(string calendarId, OverrideRequest body, string by, DateTimeOffset at)
    {
        var (name, nameKo) = (Blank(body.Name) ? null : body.Name!.Trim(), Blank(body.NameKo) ? null : body.NameKo!.Trim());
        return new(calendarId, BusinessDates.Parse(body.Date!), body.BusinessDay!.Value ? OverrideAction.BusinessDay : OverrideAction.NonBusinessDay,
            name ?? nameKo, nameKo ?? name, by, at, body.Reason?.Trim() ?? "", body.Source?.Trim());
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);
}
