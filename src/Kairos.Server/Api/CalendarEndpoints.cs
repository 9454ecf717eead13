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
        calendars.MapGet("/", ListAsync).WithName("ListCalendars").Produces<List<CalendarInfoDto>>().WithSummary("Every calendar: KR, KR-BANK, KRX, WEEKDAYS and the institution calendars");
        calendars.MapGet("/{id}/holidays", HolidaysAsync).WithName("ListHolidays").Produces<List<HolidayDto>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Named non-business days in a range (from, to inclusive); weekend ones with weekends=true");
        calendars.MapGet("/{id}/is-business-day/{date}", IsBusinessDay).WithName("IsBusinessDay").Produces<BusinessDayDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Whether a day is a business day, its holiday and its neighbours");
        calendars.MapGet("/{id}/today", Today).WithName("Today").Produces<TodayDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Today's business date in the calendar's zone, by its new-day time and closed-day rule (or that of the moment at=)");
        calendars.MapGet("/{id}/next/{date}", (string id, string date, CalendarCatalog catalog) => Step(id, date, 1, catalog)).WithName("NextBusinessDay").Produces<DateResultDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The first business day after a day");
        calendars.MapGet("/{id}/previous/{date}", (string id, string date, CalendarCatalog catalog) => Step(id, date, -1, catalog)).WithName("PreviousBusinessDay").Produces<DateResultDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The last business day before a day");
        calendars.MapGet("/{id}/add/{date}", (string id, string date, int n, CalendarCatalog catalog) => Step(id, date, n, catalog)).WithName("AddBusinessDays").Produces<DateResultDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("n business days from a day (negative goes back; 0 rolls a closed day forward)");
        calendars.MapGet("/{id}/nth/{year:int}/{month:int}", Nth).WithName("NthBusinessDay").Produces<DateResultDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The nth business day of a month: 1 first, -1 last");
        calendars.MapGet("/{id}/between", Between).WithName("CountBusinessDays").Produces<CountDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Business days in [from, to)");
        calendars.MapGet("/{id}/month/{year:int}/{month:int}", MonthAsync).WithName("GetCalendarMonth").Produces<MonthDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A month grid with holiday names and overrides");
        calendars.MapGet("/{id}/overrides", OverridesAsync).WithName("ListOverrides").Produces<List<OverrideDto>>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Overrides in force, or with history=true every entry with who, when, why and source");
        calendars.MapPost("/{id}/overrides", AddOverrideAsync).WithName("AddOverride").ProducesGatedOutcome<OverrideDto>(StatusCodes.Status200OK, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound).RequireAuthorization(AccessPolicies.Admin).WithSummary("Close or open one day, with a reason and a source (admin; may need approval)");
        calendars.MapPost("/{id}/overrides/preview", PreviewOverrideAsync).WithName("PreviewOverride").Produces<CalendarChangePreviewDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(AccessPolicies.Admin).WithSummary("What closing or opening one day would change, per job and (details=true) slot by slot; changes nothing");
        calendars.MapGet("/{id}/overrides/{date}/revert-preview", PreviewRevertAsync).WithName("PreviewRevertOverride").Produces<CalendarChangePreviewDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(AccessPolicies.Admin).WithSummary("What returning a day to the calendar's rules would change; changes nothing");
        calendars.MapDelete("/{id}/overrides/{date}", RevertOverrideAsync).WithName("RevertOverride").ProducesGatedOutcome<OverrideDto>(StatusCodes.Status200OK, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound).RequireAuthorization(AccessPolicies.Admin).WithSummary("Return a day to the calendar's rules");
        calendars.MapPost("/{id}/import", ImportAsync).WithName("ImportBusinessDays").Accepts<string>("text/csv").ProducesGatedOutcome<ImportResultDto>(StatusCodes.Status200OK, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ApiLimits.ImportBody)).RequireAuthorization(AccessPolicies.Admin).WithSummary("Preview (apply=false) or apply a business-day table in CSV: date,business_day,name");
        calendars.MapGet("/definitions", DefinitionsAsync).WithName("ListCalendarDefinitions").Produces<List<CalendarDefinitionVersionDto>>().WithSummary("Every institution calendar's definition in force, from the settings file or the API");
        calendars.MapGet("/{id}/definition", DefinitionAsync).WithName("GetCalendarDefinition").Produces<CalendarDefinitionVersionDto>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("An institution calendar's definition in force");
        calendars.MapGet("/{id}/definition/history", DefinitionHistoryAsync).WithName("ListCalendarDefinitionHistory").Produces<List<CalendarDefinitionVersionDto>>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Every version of an institution calendar's definition, newest first, with who, when and why");
        calendars.MapPut("/{id}/definition", DefineAsync).WithName("DefineCalendar").ProducesGatedOutcome<CalendarDefinitionResultDto>(StatusCodes.Status200OK, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict).RequireAuthorization(AccessPolicies.Admin).WithSummary("Define or change an institution calendar composed from others, with a reason; preview=true shows the days it opens or closes (admin; may need approval)");
        calendars.MapDelete("/{id}/definition", DeleteDefinitionAsync).WithName("DeleteCalendarDefinition").ProducesGatedOutcome<CalendarDefinitionResultDto>(StatusCodes.Status200OK, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).RequireAuthorization(AccessPolicies.Admin).WithSummary("Delete an institution calendar no job or calendar uses, with a reason (admin; may need approval)");
    }

    private static async Task<IResult> ListAsync(CalendarCatalog catalog, Core.Ports.IKairosStore store, CancellationToken ct)
    {
        await catalog.RefreshAsync(ct);
        var history = await store.Calendars.ListAsync(null, ct);
        return TypedResults.Ok(catalog.Current.All.Select(c => c.ToInfo(Core.Calendars.EffectiveOverrides.Deciding(c.Layers, history), catalog.Definition(c.Id)?.Definition)).ToList());
    }

    private static async Task<IResult> HolidaysAsync(string id, string? from, string? to, bool? weekends, CalendarCatalog catalog, Core.Ports.IKairosStore store, CancellationToken ct)
    {
        if (Find(id, catalog, out var calendar) is { } missing) return missing;
        if (ParseDate(from, "from", out var start) is { } badFrom) return badFrom;
        if (ParseDate(to, "to", out var end) is { } badTo) return badTo;
        if (end < start) return Problems.Invalid("to", ApiText.Get("Field.ToBeforeFrom", to!, from!));
        if (end.DayNumber - start.DayNumber > 366 * 200) return Problems.Invalid("to", ApiText.Get("Field.RangeTooLong"));
        var named = calendar.NonBusinessDaysBetween(start, end, weekends ?? false).Select(h => h.ToDto(calendar));
        // A day an override opened is listed too (as a business day), so a downloaded copy of the calendar is exact.
        var names = await OpenedDayNamesAsync(calendar, store, ct);
        var opened = calendar.ForcedBusinessDays.Where(d => d >= start && d <= end).Select(d => calendar.ToOpenedDayDto(d, names.GetValueOrDefault(d)));
        return TypedResults.Ok((weekends ?? false ? named.Concat(opened) : named).OrderBy(h => h.Date).ToList());
    }

    private static IResult IsBusinessDay(string id, string date, CalendarCatalog catalog)
    {
        if (Find(id, catalog, out var calendar) is { } missing) return missing;
        if (ParseDate(date, "date", out var day) is { } bad) return bad;
        return TypedResults.Ok(calendar.ToBusinessDayDto(day));
    }

    private static IResult Today(string id, string? at, CalendarCatalog catalog, TimeProvider clock)
    {
        if (Find(id, catalog, out var calendar) is { } missing) return missing;
        var moment = clock.GetUtcNow();
        if (at is not null && !DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out moment))
            return Problems.Invalid("at", ApiText.Get("Field.InstantInvalid", at));
        if (moment.Year < ApiLimits.FirstDate.Year || moment.Year > ApiLimits.LastDate.Year)
            return Problems.Invalid("at", ApiText.Get("Field.DateOutOfRange", at!, BusinessDates.ToText(ApiLimits.FirstDate), BusinessDates.ToText(ApiLimits.LastDate)));
        var zone = TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZoneId);
        var local = TimeZoneInfo.ConvertTime(moment, zone);
        var rule = calendar.DateRule;
        var orderDay = rule.OrderDay(local.DateTime);
        var open = calendar.IsBusinessDay(orderDay);
        return TypedResults.Ok(new TodayDto(calendar.Id, calendar.TimeZoneId, local, DateOnly.FromDateTime(local.DateTime), rule.NewDayAt.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            orderDay, open, rule.ClosedDays.ToWire(), rule.BusinessDateOf(orderDay, calendar), open ? null : calendar.DescribeNonBusinessDay(orderDay)));
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
        var overridden = Core.Calendars.EffectiveOverrides.Deciding(calendar.Layers, await store.Calendars.ListAsync(null, ct)).Select(o => o.Date).ToHashSet();
        var opened = await OpenedDayNamesAsync(calendar, store, ct);
        // A day an operator opened shows the name they gave it.
        var days = calendar.Month(year, month)
            .Select(d => d.ToDto(overridden.Contains(d.Date)) is var dto && d.Holiday is null && d.IsBusinessDay && opened.GetValueOrDefault(d.Date) is { } n
                ? dto with { Name = n.Name, NameKo = n.NameKo }
                : dto)
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
        if (!BusinessDates.TryParse(text, out date))
            return Problems.Invalid(field, text is null ? ApiText.Get("Field.DateRequired") : ApiText.Get("Field.DateInvalid", text));
        // Business-day steps and neighbours near the ends of DateOnly would step out of it.
        return date < ApiLimits.FirstDate || date > ApiLimits.LastDate
            ? Problems.Invalid(field, ApiText.Get("Field.DateOutOfRange", text!, BusinessDates.ToText(ApiLimits.FirstDate), BusinessDates.ToText(ApiLimits.LastDate)))
            : null;
    }
}
