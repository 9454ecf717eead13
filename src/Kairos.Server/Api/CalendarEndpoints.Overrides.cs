using Kairos.Calendars;
using Kairos.Calendars.Client;
using Kairos.Core.Ports;
using Kairos.Core.Calendars;
using Kairos.Scheduling;
using Kairos.Server.Operations.Calendars;

namespace Kairos.Server.Api;

// The calendar service's write side: each change an operation (Operations/Calendars) that a second person can be asked
// to approve. The history of overrides is read here.
internal static partial class CalendarEndpoints
{
    private static async Task<IResult> OverridesAsync(string id, bool? history, CalendarCatalog catalog, IKairosStore store, CancellationToken ct)
    {
        if (Find(id, catalog, out var calendar) is { } missing) return missing;
        // The calendar's own entries and those of the calendars it is built on: an override on KR-BANK closes KRX too.
        var layers = calendar.Layers.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var entries = (await store.Calendars.ListAsync(null, ct)).Where(e => layers.Contains(e.CalendarId)).ToList();
        var deciding = EffectiveOverrides.Deciding(calendar.Layers, entries);
        var inForce = EffectiveOverrides.InForceOn(calendar.Layers, entries);
        var shown = history == true ? entries : deciding;
        return TypedResults.Ok(shown.Select(e => e.ToDto(inForce.Contains(e.Id), calendar.Id)).ToList());
    }

    private static async Task<IResult> AddOverrideAsync(string id, OverrideRequest? body, HttpContext http, AddCalendarOverride addOverride, CancellationToken ct) =>
        (await addOverride.ExecuteAsync(http.AsActor(), id, body, ct)).ToResult(saved => TypedResults.Ok(saved.ToDto(inForce: true)));

    private static async Task<IResult> RevertOverrideAsync(string id, string date, string? reason, HttpContext http, RevertCalendarOverride revert, CancellationToken ct) =>
        (await revert.ExecuteAsync(http.AsActor(), id, date, reason, ct)).ToResult(saved => TypedResults.Ok(saved.ToDto(inForce: true)));

    private static async Task<IResult> PreviewOverrideAsync(string id, OverrideRequest? body, bool? details, HttpContext http, AddCalendarOverride addOverride, CancellationToken ct) =>
        (await addOverride.PreviewAsync(http.AsActor(), id, body, details == true, ct)).ToResult(preview => TypedResults.Ok(preview));

    private static async Task<IResult> PreviewRevertAsync(string id, string date, bool? details, HttpContext http, RevertCalendarOverride revert, CancellationToken ct) =>
        (await revert.PreviewAsync(http.AsActor(), id, date, details == true, ct)).ToResult(preview => TypedResults.Ok(preview));

    private static async Task<IResult> ImportAsync(string id, bool? apply, bool? details, string? source, string? reason, HttpContext http, ImportBusinessDayTable import, CancellationToken ct) =>
        (await import.ExecuteAsync(http.AsActor(), id, http.Request.Body, http.Request.ContentLength, apply == true, details == true, source, reason, ct)).ToResult(result => TypedResults.Ok(result));

    // The names operators gave the days they opened, by day: from the closest calendar the day's override was made on
    // (KR's overrides reach KRX, and a KRX override of the same day wins).
    private static async Task<Dictionary<DateOnly, (string Name, string NameKo)>> OpenedDayNamesAsync(BusinessCalendar calendar, IKairosStore store, CancellationToken ct)
    {
        var depth = calendar.Layers.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.OrdinalIgnoreCase);
        return EffectiveOverrides.Latest(await store.Calendars.ListAsync(null, ct))
            .Where(e => e.Action == OverrideAction.BusinessDay && (e.Name ?? e.NameKo) is not null && depth.ContainsKey(e.CalendarId))
            .OrderByDescending(e => depth[e.CalendarId])
            .GroupBy(e => e.Date)
            .ToDictionary(g => g.Key, g => (g.First().Name ?? g.First().NameKo!, g.First().NameKo ?? g.First().Name!));
    }
}
