using Kairos.Calendars;
using Kairos.Calendars.Client;
using Kairos.Calendars.Korea;
using Kairos.Core.Ports;

namespace Kairos.Server.Api;

internal static class CalendarDtos
{
    public static CalendarInfoDto ToInfo(this BusinessCalendar c, int overrides) =>
        new(c.Id, c.Description, c.Weekend.ToString(), KoreanCalendars.Years.First, KoreanCalendars.Years.Last, overrides, KoreanDesignatedDays.Version);

    public static OverrideDto ToDto(this CalendarOverrideEntry e, bool inForce) =>
        new(e.Id, e.CalendarId, e.Date, e.Action.ToWire(), e.Name, e.NameKo, e.Actor, e.At, e.Reason, e.Source, inForce);
}
