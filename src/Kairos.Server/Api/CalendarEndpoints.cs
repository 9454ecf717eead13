using Kairos.Calendars;
using Kairos.Calendars.Client;
using Kairos.Core.Runs;
using Kairos.Scheduling;
using Kairos.Server.Access;

namespace Kairos.Server.Api;

/// <summary>The calendar service's read side: any service asks here whether a day is a business day.</summary>
internal static partial class CalendarEndpoints
{
    public static void MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("/api/calendars").WithTags("Calendars").RequireAuthorization(AccessPolicies.CalendarRead);
        calendars.MapGet("/", ListAsync).WithSummary("Every calendar: KR, KR-BANK, KRX, WEEKDAYS");
        calendars.MapGet("/{id}/holidays", Holidays).WithSummary("Named non-business days in a range (from, to inclusive); weekend ones with weekends=true");
        calendars.MapGet("/{id}/is-business-day/{date}", IsBusinessDay).WithSummary("Whether a day is a business day, its holiday and its neighbours");
        calendars.MapGet("/{id}/next/{date}", (string id, string date, CalendarCatalog catalog) => Step(id, date, 1, catalog)).WithSummary("The first business day after a day");
        calendars.MapGet("/{id}/previous/{date}", (string id, string date, CalendarCatalog catalog) => Step(id, date, -1, catalog)).WithSummary("The last business day before a day");
        calendars.MapGet("/{id}/add/{date}", (string id, string date, int n, CalendarCatalog catalog) => Step(id, date, n, catalog)).WithSummary("n business days from a day (negative goes back; 0 rolls a closed day forward)");
        calendars.MapGet("/{id}/nth/{year:int}/{month:int}", Nth).WithSummary("The nth business day of a month: 1 first, -1 last");
        calendars.MapGet("/{id}/between", Between).WithSummary("Business days in [from, to)");
        calendars.MapGet("/{id}/month/{year:int}/{month:int}", MonthAsync).WithSummary("A month grid with holiday names and overrides");
        calendars.MapGet("/{id}/overrides", OverridesAsync).WithSummary("Overrides in force, or with history=true every entry with who, when, why and source");
        calendars.MapPost("/{id}/overrides", AddOverrideAsync).RequireAuthorization(AccessPolicies.Admin).WithSummary("Close or open one day, with a reason and a source (admin; may need approval)");
        app.ServiceProvider.GetRequiredService<Approvals.FourEyes>().Register(Approvals.GatedActions.CalendarOverride, AccessPolicies.Admin, ExecuteOverrideAsync);
        calendars.MapDelete("/{id}/overrides/{date}", RevertOverrideAsync).RequireAuthorization(AccessPolicies.Admin).WithSummary("Return a day to the calendar's rules");
        calendars.MapPost("/{id}/import", ImportAsync).Accepts<string>("text/csv").RequireAuthorization(AccessPolicies.Admin).WithSummary("Preview (apply=false) or apply a business-day table in CSV: date,business_day,name");
    }

    private static async Task<IResult> ListAsync(CalendarCatalog catalog, Core.Ports.IKairosStore store, CancellationToken ct)
    {
        await catalog.RefreshAsync(ct);
        var effective = Core.Calendars.EffectiveOverrides.From(await store.Calendars.ListAsync(null, ct));
        return TypedResults.Ok(catalog.Current.All.Select(c => c.ToInfo(effective.Count(o => string.Equals(o.CalendarId, c.Id, StringComparison.OrdinalIgnoreCase)))).ToList());
    }

    private static IResult Holidays(string id, string? from, string? to, bool? weekends, CalendarCatalog catalog)
    {
        if (Find(id, catalog, out var calendar) is { } missing) return missing;
        if (ParseDate(from, "from", out var start) is { } badFrom) return badFrom;
        if (ParseDate(to, "to", out var end) is { } badTo) return badTo;
        if (end < start) return Problems.Invalid("to", ApiText.Get("Field.ToBeforeFrom", to!, from!));
        if (end.DayNumber - start.DayNumber > 366 * 200) return Problems.Invalid("to", ApiText.Get("Field.RangeTooLong"));
        var named = calendar.NonBusinessDaysBetween(start, end, weekends ?? false).Select(h => h.ToDto(calendar));
        // A day an override opened is listed too (as a business day), so a downloaded copy of the calendar is exact.
        var opened = calendar.ForcedBusinessDays.Where(d => d >= start && d <= end)
            .Select(d => new HolidayDto(d, "Business day (override)", "영업일(변경)", HolidayKind.Override.ToWire(), true, calendar.Weekend.IsWeekend(d)));
        return TypedResults.Ok((weekends ?? false ? named.Concat(opened) : named).OrderBy(h => h.Date).ToList());
    }

    private static IResult IsBusinessDay(string id, string date, CalendarCatalog catalog)
    {
        if (Find(id, catalog, out var calendar) is { } missing) return missing;
        if (ParseDate(date, "date", out var day) is { } bad) return bad;
        return TypedResults.Ok(calendar.ToBusinessDayDto(day));
    }

    private static IResult Step(string id, string date, int n, CalendarCatalog catalog)
    {
        if (Find(id, catalog, out var calendar) is { } missing) return missing;
        if (ParseDate(date, "date", out var day) is { } bad) return bad;
        if (Math.Abs(n) > 100_000) return Problems.Invalid("n", ApiText.Get("Field.NOutOfRange", n));
        return TypedResults.Ok(new DateResultDto(calendar.Id, calendar.AddBusinessDays(day, n), day, n));
    }

    private static IResult Nth(string id, int year, int month, int n, CalendarCatalog catalog)
    {
        if (Find(id, catalog, out var calendar) is { } missing) return missing;
        if (year is < 1 or > 9998 || month is < 1 or > 12) return Problems.Invalid("month", ApiText.Get("Field.NotAMonth", year, month));
        if (n == 0) return Problems.Invalid("n", ApiText.Get("Field.NthZero"));
        return calendar.NthBusinessDayOfMonth(year, month, n) is { } result
            ? TypedResults.Ok(new DateResultDto(calendar.Id, result, null, n))
            : Problems.NotFound(ApiText.Get("Calendar.FewerBusinessDays", $"{year}-{month:00}", Math.Abs(n), calendar.Id));
    }

    private static IResult Between(string id, string? from, string? to, CalendarCatalog catalog)
    {
        if (Find(id, catalog, out var calendar) is { } missing) return missing;
        if (ParseDate(from, "from", out var start) is { } badFrom) return badFrom;
        if (ParseDate(to, "to", out var end) is { } badTo) return badTo;
        return TypedResults.Ok(new CountDto(calendar.Id, start, end, calendar.CountBusinessDays(start, end)));
    }

    private static async Task<IResult> MonthAsync(string id, int year, int month, CalendarCatalog catalog, Core.Ports.IKairosStore store, CancellationToken ct)
    {
        if (Find(id, catalog, out var calendar) is { } missing) return missing;
        if (year is < 1 or > 9998 || month is < 1 or > 12) return Problems.Invalid("month", ApiText.Get("Field.NotAMonth", year, month));
        var overridden = Core.Calendars.EffectiveOverrides.From(await store.Calendars.ListAsync(calendar.Id, ct)).Select(o => o.Date).ToHashSet();
        var days = calendar.Month(year, month)
            .Select(d => new MonthDayDto(d.Date, d.IsBusinessDay, d.IsWeekend, d.Holiday?.Name, d.Holiday?.NameKo, d.Holiday?.Kind.ToWire(), overridden.Contains(d.Date)))
            .ToList();
        return TypedResults.Ok(new MonthDto(calendar.Id, year, month, days.Count(d => d.BusinessDay), days));
    }

    private static IResult? Find(string id, CalendarCatalog catalog, out BusinessCalendar calendar)
    {
        calendar = catalog.Get(id)!;
        return calendar is null ? Problems.NotFound(ApiText.Get("Calendar.NotFound", id, string.Join(", ", catalog.Ids))) : null;
    }

    private static IResult? ParseDate(string? text, string field, out DateOnly date)
    {
        if (BusinessDates.TryParse(text, out date)) return null;
        return Problems.Invalid(field, text is null ? ApiText.Get("Field.DateRequired") : ApiText.Get("Field.DateInvalid", text));
    }
}
