using Kairos.Calendars;
using Kairos.Calendars.Client;
using Kairos.Calendars.Korea;
using Kairos.Core.Ports;

namespace Kairos.Server.Api;

internal static class CalendarDtos
{
    /// <param name="deciding">The overrides that decide days of <paramref name="c"/>, its own and inherited ones.</param>
    /// <param name="definition">An institution calendar's definition; null for a built-in one.</param>
    public static CalendarInfoDto ToInfo(this BusinessCalendar c, IReadOnlyList<CalendarOverrideEntry> deciding, Calendars.Institutions.CalendarDefinition? definition = null)
    {
        var own = deciding.Count(e => !IsInherited(e, c.Id));
        return new(c.Id, c.Description, c.Weekend.ToString(), KoreanCalendars.Years.First, KoreanCalendars.Years.Last, own, KoreanDesignatedDays.Version,
            deciding.Count - own, [.. c.Layers], definition is null ? "built-in" : "institution", definition is null ? null : [.. definition.Bases]);
    }

    /// <param name="calendarId">The calendar asked about; an entry made on another one (a layer below) is inherited.</param>
    public static OverrideDto ToDto(this CalendarOverrideEntry e, bool inForce, string? calendarId = null) =>
        new(e.Id, e.CalendarId, e.Date, e.Action.ToWire(), e.Name, e.NameKo, e.Actor, e.At, e.Reason, e.Source, inForce, calendarId is not null && IsInherited(e, calendarId));

    private static bool IsInherited(CalendarOverrideEntry e, string calendarId) => !string.Equals(e.CalendarId, calendarId, StringComparison.OrdinalIgnoreCase);
}
