using System.Text;
using System.Text.Json;
using Kairos.Calendars;
using Kairos.Calendars.Client;
using Kairos.Core.Calendars;
using Kairos.Core.Ports;
using Kairos.Core.Slots;
using Kairos.Definitions;
using Kairos.Scheduling;
using Kairos.Server.Approvals;

namespace Kairos.Server.Api;

// The calendar service's write side. Every change is an appended override entry (who, when, why, source) plus an
// audit entry; nothing is edited or deleted, so the history of a day is always readable.
internal static partial class CalendarEndpoints
{
    private static readonly TimeSpan ImportHorizon = TimeSpan.FromDays(90);
    private const int MaxImportBytes = 8 * 1024 * 1024;

    private static async Task<IResult> OverridesAsync(string id, bool? history, CalendarCatalog catalog, IKairosStore store, CancellationToken ct)
    {
        if (Find(id, catalog, out var calendar) is { } missing) return missing;
        var entries = await store.Calendars.ListAsync(calendar.Id, ct);
        var inForce = InForce(entries);
        var shown = history == true ? entries : entries.Where(e => inForce.Contains(e.Id) && e.Action != OverrideAction.Revert);
        return TypedResults.Ok(shown.Select(e => e.ToDto(inForce.Contains(e.Id))).ToList());
    }

    private sealed record OverridePayload(string CalendarId, OverrideRequest Request);

    private static async Task<IResult> AddOverrideAsync(string id, OverrideRequest? body, HttpContext http, CalendarCatalog catalog, FourEyes fourEyes, CancellationToken ct)
    {
        if (Find(id, catalog, out var calendar) is { } missing) return missing;
        var errors = new Dictionary<string, string[]>();
        if (body is null) return Problems.Invalid("", ApiText.Get("Override.BodyRequired"));
        if (!Core.Runs.BusinessDates.TryParse(body.Date, out var date)) errors["date"] = [body.Date is null ? ApiText.Get("Field.DateRequired") : ApiText.Get("Field.DateInvalid", body.Date)];
        if (body.BusinessDay is null) errors["businessDay"] = [ApiText.Get("Field.BusinessDayRequired")];
        if (string.IsNullOrWhiteSpace(body.Reason)) errors["reason"] = [ApiText.Get("Field.ReasonRequired")];
        if (body.BusinessDay == false && string.IsNullOrWhiteSpace(body.Name) && string.IsNullOrWhiteSpace(body.NameKo)) errors["name"] = [ApiText.Get("Field.NameRequired")];
        if (errors.Count > 0) return Problems.Invalid(errors);
        var summary = $"make {date:yyyy-MM-dd} a {(body.BusinessDay!.Value ? "business day" : $"non-business day ({body.Name ?? body.NameKo})")} in {calendar.Id}";
        return await fourEyes.RunOrRequestAsync(http, GatedActions.CalendarOverride, $"calendar:{calendar.Id}", summary, body.Reason, new OverridePayload(calendar.Id, body), ct);
    }

    private static async Task<GatedResult> ExecuteOverrideAsync(HttpContext http, string payload, string requestedBy, CancellationToken ct)
    {
        var (calendarId, body) = FourEyes.Read<OverridePayload>(payload);
        var catalog = http.RequestServices.GetRequiredService<CalendarCatalog>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        if (Find(calendarId, catalog, out var calendar) is { } missing) return new(missing, false, $"calendar {calendarId} is gone");
        var date = Core.Runs.BusinessDates.Parse(body.Date!);
        var by = FourEyes.CarriedOutBy(http, requestedBy);
        var entry = new CalendarOverrideEntry(calendar.Id, date, body.BusinessDay!.Value ? OverrideAction.BusinessDay : OverrideAction.NonBusinessDay,
            body.BusinessDay.Value ? null : (body.Name ?? body.NameKo)!.Trim(), body.BusinessDay.Value ? null : (body.NameKo ?? body.Name)!.Trim(),
            by, clock.GetUtcNow(), body.Reason!.Trim(), body.Source?.Trim());
        var response = await AppendAsync(calendar, [entry], GatedActions.CalendarOverride, http, catalog, http.RequestServices.GetRequiredService<IKairosStore>(), clock, ct);
        return new(response, true, $"{date:yyyy-MM-dd} is now a {(body.BusinessDay.Value ? "business day" : "non-business day")} in {calendar.Id}");
    }

    private static async Task<IResult> RevertOverrideAsync(string id, string date, string? reason, HttpContext http, CalendarCatalog catalog, IKairosStore store, TimeProvider clock, CancellationToken ct)
    {
        if (Find(id, catalog, out var calendar) is { } missing) return missing;
        if (ParseDate(date, "date", out var day) is { } bad) return bad;
        if (string.IsNullOrWhiteSpace(reason)) return Problems.Invalid("reason", ApiText.Get("Field.ReasonRequired"));
        var entries = await store.Calendars.ListAsync(calendar.Id, ct);
        if (EffectiveOverrides.Latest(entries).FirstOrDefault(e => e.Date == day) is not { Action: not OverrideAction.Revert })
            return Problems.NotFound(ApiText.Get("Calendar.NoOverride", date, calendar.Id));
        var entry = new CalendarOverrideEntry(calendar.Id, day, OverrideAction.Revert, null, null, http.Actor(), clock.GetUtcNow(), reason.Trim(), null);
        return await AppendAsync(calendar, [entry], "calendar.revert", http, catalog, store, clock, ct);
    }

    private static async Task<IResult> AppendAsync(BusinessCalendar calendar, IReadOnlyList<CalendarOverrideEntry> entries, string action, HttpContext http, CalendarCatalog catalog, IKairosStore store, TimeProvider clock, CancellationToken ct)
    {
        var e = entries[0];
        var before = DayState(calendar, e.Date);
        await store.Calendars.AppendAsync(entries, ct);
        await catalog.RefreshAsync(ct);
        var after = catalog.Current.Find(calendar.Id) is { } now ? DayState(now, e.Date) : null;
        await http.AuditAsync(action, $"calendar:{calendar.Id}", e.Reason,
            JsonSerializer.Serialize(new { date = e.Date, action = e.Action.ToString(), e.Name, e.NameKo, e.Source }), before, after);
        var saved = (await store.Calendars.ListAsync(calendar.Id, ct)).Last(x => x.Date == e.Date);
        return TypedResults.Ok(saved.ToDto(inForce: true));
    }

    private static async Task<IResult> ImportAsync(string id, bool? apply, string? source, string? reason, HttpContext http, CalendarCatalog catalog, JobCatalog jobs, IKairosStore store, TimeProvider clock, CancellationToken ct)
    {
        if (Find(id, catalog, out var calendar) is { } missing) return missing;
        if (http.Request.ContentLength > MaxImportBytes) return Problems.Invalid("", ApiText.Get("Import.TooLarge", MaxImportBytes / 1024 / 1024));
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        var fileName = string.IsNullOrWhiteSpace(source) ? "table.csv" : source.Trim();
        var (rows, errors) = BusinessDayTable.Parse(text, fileName);
        if (errors.Count > 0)
            return Problems.Invalid(errors.GroupBy(e => e.Line is { } line ? $"line {line}" : "table").ToDictionary(g => g.Key, g => g.Select(e => e.ToString()).ToArray()));

        await catalog.RefreshAsync(ct);
        var changes = BusinessDayTable.Diff(rows, calendar);
        var now = clock.GetUtcNow();
        var actor = http.Actor();
        var entries = changes.Select(c => new CalendarOverrideEntry(calendar.Id, c.Date,
            c.BusinessDay ? OverrideAction.BusinessDay : OverrideAction.NonBusinessDay,
            c.BusinessDay ? null : c.Name ?? "Non-business day (imported)", c.BusinessDay ? null : c.Name ?? "휴무일",
            actor, now, reason ?? $"imported from {fileName}", $"import:{fileName}")).ToList();

        var history = await store.Calendars.ListAsync(null, ct);
        var nextId = history.Count == 0 ? 1 : history.Max(e => e.Id) + 1;
        var after = EffectiveOverrides.Apply(history.Concat(entries.Select((e, i) => e with { Id = nextId + i })));
        var slots = CalendarImpact.Compute(jobs.Jobs, catalog.Current, after, now, ImportHorizon);

        var applied = apply == true && entries.Count > 0;
        if (applied)
        {
            await store.Calendars.AppendAsync(entries, ct);
            await http.AuditAsync("calendar.import", $"calendar:{calendar.Id}", reason, $"{fileName}: {rows.Count} rows, {entries.Count} days changed",
                string.Join(", ", changes.Select(c => $"{c.Date:yyyy-MM-dd}={(c.WasBusinessDay ? "open" : "closed")}")),
                string.Join(", ", changes.Select(c => $"{c.Date:yyyy-MM-dd}={(c.BusinessDay ? "open" : "closed")}")));
            await catalog.RefreshAsync(ct);
        }
        return TypedResults.Ok(new ImportResultDto(calendar.Id, applied, rows.Count,
            changes.Select(c => new ImportChangeDto(c.Date, c.WasBusinessDay, c.BusinessDay, c.WasName, c.Name)).ToList(),
            slots.Select(s => new SlotChangeDto(s.JobId, s.SlotTime, s.BusinessDate, s.Appears ? "appears" : "disappears", s.Detail)).ToList(),
            (int)ImportHorizon.TotalDays));
    }

    private static HashSet<long> InForce(IEnumerable<CalendarOverrideEntry> entries) => EffectiveOverrides.Latest(entries).Select(e => e.Id).ToHashSet();

    private static string DayState(ICalendar calendar, DateOnly date) =>
        calendar.IsBusinessDay(date) ? $"{date:yyyy-MM-dd} business day" : $"{date:yyyy-MM-dd} non-business day: {calendar.DescribeNonBusinessDay(date)}";
}
