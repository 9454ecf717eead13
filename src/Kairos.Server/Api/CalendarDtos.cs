using Kairos.Calendars;
using Kairos.Calendars.Client;
using Kairos.Calendars.Korea;
using Kairos.Core.Ports;

namespace Kairos.Server.Api;

internal static class CalendarDtos
{
    public static string Wire(this HolidayKind kind) => kind.ToString().ToLowerInvariant();

    public static HolidayDto ToDto(this Holiday h, BusinessCalendar c) =>
        new(h.Date, h.Name, h.NameKo, h.Kind.Wire(), c.IsBusinessDay(h.Date), c.Weekend.IsWeekend(h.Date));

    public static CalendarInfoDto ToInfo(this BusinessCalendar c, int overrides) =>
        new(c.Id, c.Description, c.Weekend.ToString(), KoreanCalendars.Years.First, KoreanCalendars.Years.Last, overrides, KoreanDesignatedDays.Version);

    public static BusinessDayDto ToBusinessDay(this BusinessCalendar c, DateOnly date) =>
        new(c.Id, date, c.IsBusinessDay(date), c.Weekend.IsWeekend(date), c.HolidayOn(date)?.ToDto(c), c.PreviousBusinessDay(date), c.NextBusinessDay(date));

    public static OverrideDto ToDto(this CalendarOverrideEntry e, bool inForce) =>
        new(e.Id, e.CalendarId, e.Date, e.Action.ToWire(), e.Name, e.NameKo, e.Actor, e.At, e.Reason, e.Source, inForce);
}
