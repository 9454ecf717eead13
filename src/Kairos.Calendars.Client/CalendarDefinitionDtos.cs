namespace Kairos.Calendars.Client;

/// <summary>
/// An institution calendar as the API and the settings file (<c>Kairos:Calendars:Institutions</c>) write it: composed
/// from other calendars, with its own days and conventions.
/// </summary>
/// <param name="Id">Upper-case letters, digits and '-', such as <c>HANA-BANK</c>; not a built-in id. Taken from the URL when left out.</param>
/// <param name="Name">A short name to show.</param>
/// <param name="Description">What the calendar is for.</param>
/// <param name="Base">The calendars it is built on: a day is closed when any of them closes it (with their overrides).</param>
/// <param name="Weekend">Its own weekend in place of the bases': <c>sat-sun</c>, <c>sun</c>, <c>fri-sat</c>, <c>none</c>.</param>
/// <param name="Add">Extra non-business days.</param>
/// <param name="Remove">Days that are business days here even when a base closes them, yyyy-MM-dd.</param>
/// <param name="TimeZone">IANA time zone; <c>Asia/Seoul</c> when left out.</param>
/// <param name="BusinessDate">When a business day starts and where closed-day work is booked.</param>
public sealed record CalendarDefinitionDto(
    string? Id = null, string? Name = null, string? Description = null, List<string>? Base = null, string? Weekend = null,
    List<DefinedDayDto>? Add = null, List<string>? Remove = null, string? TimeZone = null, BusinessDateDto? BusinessDate = null);

/// <summary>A non-business day an institution calendar adds.</summary>
/// <param name="Date">yyyy-MM-dd.</param>
/// <param name="Name">English name.</param>
/// <param name="NameKo">Korean name; the English one when left out.</param>
public sealed record DefinedDayDto(string? Date = null, string? Name = null, string? NameKo = null);

/// <summary>How a moment becomes a business date on a calendar.</summary>
/// <param name="NewDayAt">HH:mm at which a business day starts; 00:00 when left out.</param>
/// <param name="ClosedDays">next-business-day (the default), previous-business-day or calendar-day: where a closed day's work is booked.</param>
public sealed record BusinessDateDto(string? NewDayAt = null, string? ClosedDays = null);

/// <summary>One version of an institution calendar's definition, or the one in the settings file.</summary>
/// <param name="Calendar">The calendar id.</param>
/// <param name="Source"><c>settings</c> (the server's settings file; not editable through the API) or <c>api</c>.</param>
/// <param name="Version">1, 2, …; 0 for the settings file.</param>
/// <param name="Kind">created, changed or deleted.</param>
/// <param name="Definition">The definition; for a deletion, the one removed.</param>
/// <param name="ChangedAt">When; none for the settings file.</param>
/// <param name="ChangedBy">Who, and who approved it.</param>
/// <param name="Reason">Why.</param>
/// <param name="Problem">Why the calendar is not in force although defined (a base that no longer exists), when that is so.</param>
public sealed record CalendarDefinitionVersionDto(string Calendar, string Source, int Version, string Kind, CalendarDefinitionDto Definition, DateTimeOffset? ChangedAt, string? ChangedBy, string? Reason, string? Problem = null);

/// <summary>The result, or the preview, of defining or deleting an institution calendar.</summary>
/// <param name="Calendar">The calendar id.</param>
/// <param name="Applied">False for a preview.</param>
/// <param name="Saved">The version stored; none for a preview.</param>
/// <param name="Closed">Days 1990–2050 that become non-business days.</param>
/// <param name="Opened">Days 1990–2050 that become business days.</param>
/// <param name="Changes">The first changed days from a year ago on (at most 100).</param>
public sealed record CalendarDefinitionResultDto(string Calendar, bool Applied, CalendarDefinitionVersionDto? Saved, int Closed, int Opened, List<ImportChangeDto> Changes);
