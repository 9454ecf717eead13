using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kairos.Calendars.Client;

/// <summary>
/// Compile-time JSON metadata for the calendar API's requests and answers, in the API's web conventions, so the
/// client works in trimmed and NativeAOT programs.
/// </summary>
/// <example><c>JsonSerializer.Serialize(dto, CalendarJsonContext.Default.BusinessDayDto)</c></example>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<CalendarInfoDto>))]
[JsonSerializable(typeof(List<HolidayDto>))]
[JsonSerializable(typeof(BusinessDayDto))]
[JsonSerializable(typeof(TodayDto))]
[JsonSerializable(typeof(DateResultDto))]
[JsonSerializable(typeof(CountDto))]
[JsonSerializable(typeof(MonthDto))]
[JsonSerializable(typeof(List<OverrideDto>))]
[JsonSerializable(typeof(OverrideRequest))]
[JsonSerializable(typeof(ImportResultDto))]
[JsonSerializable(typeof(CalendarChangePreviewDto))]
[JsonSerializable(typeof(CalendarDefinitionDto))]
[JsonSerializable(typeof(List<CalendarDefinitionVersionDto>))]
[JsonSerializable(typeof(CalendarDefinitionResultDto))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class CalendarJsonContext : JsonSerializerContext;
