namespace Kairos.Calendars;

/// <summary>
/// An operator's or an imported table's word on one day of one calendar: a non-business day with a name, or a
/// business day whatever the rules say.
/// </summary>
public sealed record CalendarOverride(string CalendarId, DateOnly Date, bool BusinessDay, string? Name = null, string? NameKo = null)
{
    public Holiday? AsHoliday() => BusinessDay ? null : new Holiday(Date, Name ?? "Non-business day", NameKo ?? Name ?? "휴무일", HolidayKind.Override);
}
