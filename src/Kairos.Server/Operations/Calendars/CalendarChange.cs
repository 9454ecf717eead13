using Kairos.Calendars;
using Kairos.Core.Calendars;
using Kairos.Core.Ports;
using Kairos.Scheduling;

namespace Kairos.Server.Operations.Calendars;

/// <summary>
/// What every calendar change shares. Each change is an appended override entry (who, when, why, source) plus an
/// audit entry; nothing is edited or deleted, so the history of a day is always readable.
/// </summary>
internal sealed class CalendarChange(CalendarCatalog catalog, IKairosStore store, OperationAudit audit)
{
    public Refusal? Find(string id, out BusinessCalendar calendar)
    {
        calendar = catalog.Get(id)!;
        return calendar is null ? Refusal.NotFound(ApiText.Get("Calendar.NotFound", id, string.Join(", ", catalog.Ids))) : null;
    }

    public async Task<CalendarOverrideEntry?> OverrideInForceAsync(string calendarId, DateOnly day, CancellationToken ct) =>
        EffectiveOverrides.Latest(await store.Calendars.ListAsync(calendarId, ct)).FirstOrDefault(e => e.Date == day && e.Action != OverrideAction.Revert);

    /// <summary>Appends one day's entry, refreshes the calendars and records the day before and after; returns the entry as stored.</summary>
    public async Task<CalendarOverrideEntry> AppendAsync(Actor actor, BusinessCalendar calendar, CalendarOverrideEntry entry, string action, CancellationToken ct)
    {
        var before = DayState(calendar, entry.Date);
        await store.Calendars.AppendAsync([entry], ct);
        await catalog.RefreshAsync(ct);
        var after = catalog.Current.Find(calendar.Id) is { } now ? DayState(now, entry.Date) : null;
        await audit.RecordAsync(actor, action, $"calendar:{calendar.Id}", entry.Reason,
            System.Text.Json.JsonSerializer.Serialize(new { date = entry.Date, action = entry.Action.ToString(), entry.Name, entry.NameKo, entry.Source }), before, after);
        return (await store.Calendars.ListAsync(calendar.Id, ct)).Last(x => x.Date == entry.Date);
    }

    private static string DayState(ICalendar calendar, DateOnly date) =>
        calendar.IsBusinessDay(date) ? $"{date:yyyy-MM-dd} business day" : $"{date:yyyy-MM-dd} non-business day: {calendar.DescribeNonBusinessDay(date)}";
}
