using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kairos.Calendars;
using Kairos.Calendars.Institutions;

namespace Kairos.Store.Sql;

/// <summary>
/// How <c>calendar_definitions.definition</c> holds a definition: the store's own layout, apart from the API's, so
/// either can change without the other. Weekend days, times and bookings are written as words, not enum numbers.
/// </summary>
internal sealed class CalendarDefinitionDocument
{
    public string Id { get; set; } = "";
    public List<string> Bases { get; set; } = [];
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Weekend { get; set; }
    public List<DayDocument> Add { get; set; } = [];
    public List<string> Remove { get; set; } = [];
    public string TimeZone { get; set; } = BusinessCalendar.DefaultTimeZoneId;
    public string NewDayAt { get; set; } = "00:00";
    public string ClosedDays { get; set; } = nameof(ClosedDayBooking.NextBusinessDay);

    internal sealed class DayDocument
    {
        public string Date { get; set; } = "";
        public string Name { get; set; } = "";
        public string? NameKo { get; set; }
    }

    public static string Write(CalendarDefinition d) => JsonSerializer.Serialize(new CalendarDefinitionDocument
    {
        Id = d.Id,
        Bases = [.. d.Bases],
        Name = d.Name,
        Description = d.Description,
        Weekend = d.Weekend is { } w ? WeekendRuleText.Format(w) : null,
        Add = d.Add.Select(a => new DayDocument { Date = Day(a.Date), Name = a.Name, NameKo = a.NameKo }).ToList(),
        Remove = d.Remove.Select(Day).ToList(),
        TimeZone = d.TimeZoneId,
        NewDayAt = d.DateRule.NewDayAt.ToString("HH:mm", CultureInfo.InvariantCulture),
        ClosedDays = d.DateRule.ClosedDays.ToString(),
    }, CalendarDefinitionJson.Default.CalendarDefinitionDocument);

    public static CalendarDefinition Read(string json)
    {
        var d = JsonSerializer.Deserialize(json, CalendarDefinitionJson.Default.CalendarDefinitionDocument) ?? throw new InvalidDataException("An empty calendar definition is stored.");
        return new CalendarDefinition(d.Id, d.Bases)
        {
            Name = d.Name,
            Description = d.Description,
            Weekend = d.Weekend is null ? null : WeekendRuleText.TryParse(d.Weekend, out var w) ? w : throw new InvalidDataException($"Calendar {d.Id} has the stored weekend '{d.Weekend}'."),
            Add = d.Add.Select(a => new CalendarDefinitionDay(Parse(a.Date), a.Name, a.NameKo)).ToList(),
            Remove = d.Remove.Select(Parse).ToList(),
            TimeZoneId = d.TimeZone,
            DateRule = new BusinessDateRule(TimeOnly.ParseExact(d.NewDayAt, "HH:mm", CultureInfo.InvariantCulture), Enum.Parse<ClosedDayBooking>(d.ClosedDays)),
        };
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Parse(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CalendarDefinitionDocument))]
internal sealed partial class CalendarDefinitionJson : JsonSerializerContext;
