using System.Globalization;
using Kairos.Calendars;
using Kairos.Calendars.Client;
using Kairos.Calendars.Institutions;
using Kairos.Core.Runs;

namespace Kairos.Server.Operations.Calendars;

/// <summary>
/// An institution calendar's definition as the API or the settings file writes it, to the library's
/// <see cref="CalendarDefinition"/>, collecting every problem with the field it is in (<c>add[1].date</c>). Whether the
/// bases exist is the composition's question, not this one's.
/// </summary>
internal static class CalendarDefinitionInput
{
    public const int MaxDays = 2_000;
    public const int MaxBases = 20;

    private static readonly Dictionary<string, ClosedDayBooking> Bookings = new(StringComparer.Ordinal)
    {
        ["next-business-day"] = ClosedDayBooking.NextBusinessDay,
        ["previous-business-day"] = ClosedDayBooking.PreviousBusinessDay,
        ["calendar-day"] = ClosedDayBooking.CalendarDay,
    };

    public static (CalendarDefinition? Definition, Dictionary<string, string[]> Errors) Read(CalendarDefinitionDto? dto, string? routeId = null)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = errors.TryGetValue(field, out var had) ? [.. had, message] : [message];
        if (dto is null) { Error("", ApiText.Get("Definition.BodyRequired")); return (null, errors); }

        var id = (dto.Id ?? routeId)?.Trim();
        if (string.IsNullOrEmpty(id)) Error("id", ApiText.Get("Definition.Required"));
        else if (routeId is not null && !string.Equals(id, routeId, StringComparison.OrdinalIgnoreCase)) Error("id", ApiText.Get("Definition.IdMismatch", id, routeId));
        else if (BuiltInCalendars.IsKnown(id)) Error("id", ApiText.Get("Definition.BuiltIn", id));
        else if (!CalendarDefinition.IsWellFormedId(id.ToUpperInvariant())) Error("id", ApiText.Get("Definition.IdPattern", id));
        Length(dto.Name, "name", ApiLimits.Name, Error);
        Length(dto.Description, "description", ApiLimits.OtherText, Error);

        var bases = (dto.Base ?? []).Select(b => b?.Trim() ?? "").ToList();
        if (bases.Count == 0 || bases.Any(b => b.Length == 0)) Error("base", ApiText.Get("Definition.BaseRequired"));
        else if (bases.Count > MaxBases) Error("base", ApiText.Get("Field.TooMany", bases.Count, MaxBases));
        else if (bases.GroupBy(b => b, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice) Error("base", ApiText.Get("Definition.Twice", twice.Key));

        WeekendRule? weekend = null;
        if (dto.Weekend is { } weekendText)
        {
            if (WeekendRuleText.TryParse(weekendText, out var parsed)) weekend = parsed;
            else Error("weekend", ApiText.Get("Definition.Weekend", weekendText));
        }

        var add = ReadAdded(dto.Add ?? [], Error);
        var remove = ReadRemoved(dto.Remove ?? [], Error);
        foreach (var both in add.Select(a => a.Date).Intersect(remove)) Error("remove", ApiText.Get("Definition.AddedAndRemoved", BusinessDates.ToText(both)));

        var zone = dto.TimeZone?.Trim() is { Length: > 0 } z ? z : BusinessCalendar.DefaultTimeZoneId;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)) Error("timeZone", ApiText.Get("Definition.TimeZone", zone));
        var rule = ReadRule(dto.BusinessDate, Error);

        if (errors.Count > 0) return (null, errors);
        return (new CalendarDefinition(id!.ToUpperInvariant(), bases.Select(b => b.ToUpperInvariant()).ToList())
        {
            Name = Blank(dto.Name), Description = Blank(dto.Description), Weekend = weekend, Add = add, Remove = remove, TimeZoneId = zone, DateRule = rule,
        }, errors);
    }

    /// <summary>The definition as the API writes it.</summary>
    public static CalendarDefinitionDto ToDto(CalendarDefinition d) => new(
        d.Id, d.Name, d.Description, [.. d.Bases], d.Weekend is { } w ? WeekendRuleText.Format(w) : null,
        d.Add.Select(a => new DefinedDayDto(BusinessDates.ToText(a.Date), a.Name, a.NameKo)).ToList(),
        d.Remove.Select(BusinessDates.ToText).ToList(), d.TimeZoneId,
        new BusinessDateDto(d.DateRule.NewDayAt.ToString("HH:mm", CultureInfo.InvariantCulture), Bookings.First(b => b.Value == d.DateRule.ClosedDays).Key));

    /// <summary>A composition problem in the request's language.</summary>
    public static string Describe(CalendarDefinitionProblem problem, IEnumerable<string> knownIds) => problem.Kind switch
    {
        CalendarDefinitionProblemKind.BuiltInId => ApiText.Get("Definition.BuiltIn", problem.CalendarId),
        CalendarDefinitionProblemKind.UnknownBase => ApiText.Get("Definition.UnknownBase", problem.Detail, string.Join(", ", knownIds.Order(StringComparer.Ordinal))),
        CalendarDefinitionProblemKind.Cycle => ApiText.Get("Definition.Cycle", problem.Detail),
        CalendarDefinitionProblemKind.NoBase => ApiText.Get("Definition.BaseRequired"),
        CalendarDefinitionProblemKind.DuplicateId => ApiText.Get("Definition.Twice", problem.CalendarId),
        _ => ApiText.Get("Definition.BrokenBase", problem.Detail),
    };

    private static List<CalendarDefinitionDay> ReadAdded(List<DefinedDayDto> days, Action<string, string> error)
    {
        if (days.Count > MaxDays) { error("add", ApiText.Get("Field.TooMany", days.Count, MaxDays)); return []; }
        var read = new List<CalendarDefinitionDay>();
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i] ?? new DefinedDayDto();
            var name = Blank(day.Name) ?? Blank(day.NameKo);
            if (name is null) error($"add[{i}].name", ApiText.Get("Definition.DayName"));
            Length(day.Name, $"add[{i}].name", ApiLimits.Name, error);
            Length(day.NameKo, $"add[{i}].nameKo", ApiLimits.Name, error);
            if (!Date(day.Date, $"add[{i}].date", error, out var date) || name is null) continue;
            if (read.Any(r => r.Date == date)) error($"add[{i}].date", ApiText.Get("Definition.Twice", day.Date!));
            else read.Add(new CalendarDefinitionDay(date, name, Blank(day.NameKo)));
        }
        return read;
    }

    private static List<DateOnly> ReadRemoved(List<string> days, Action<string, string> error)
    {
        if (days.Count > MaxDays) { error("remove", ApiText.Get("Field.TooMany", days.Count, MaxDays)); return []; }
        var read = new List<DateOnly>();
        for (var i = 0; i < days.Count; i++)
        {
            if (!Date(days[i], $"remove[{i}]", error, out var date)) continue;
            if (read.Contains(date)) error($"remove[{i}]", ApiText.Get("Definition.Twice", days[i]));
            else read.Add(date);
        }
        return read;
    }

    private static BusinessDateRule ReadRule(BusinessDateDto? dto, Action<string, string> error)
    {
        var newDayAt = TimeOnly.MinValue;
        if (dto?.NewDayAt is { } text && !TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out newDayAt))
            error("businessDate.newDayAt", ApiText.Get("Definition.NewDayAt", text));
        var booking = ClosedDayBooking.NextBusinessDay;
        if (dto?.ClosedDays is { } closed && !Bookings.TryGetValue(closed, out booking))
            error("businessDate.closedDays", ApiText.Get("Definition.ClosedDays", closed));
        return new BusinessDateRule(newDayAt, booking);
    }

    private static bool Date(string? text, string field, Action<string, string> error, out DateOnly date)
    {
        if (BusinessDates.TryParse(text, out date)) return true;
        error(field, text is null ? ApiText.Get("Field.DateRequired") : ApiText.Get("Field.DateInvalid", text));
        return false;
    }

    private static void Length(string? text, string field, int max, Action<string, string> error)
    {
        if (text is { Length: var n } && n > max) error(field, ApiText.Get("Field.TooLong", n, max));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
