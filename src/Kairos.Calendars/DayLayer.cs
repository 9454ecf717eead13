namespace Kairos.Calendars;

/// <summary>
/// Which layer of a calendar decided a day: the calendar whose own rules or overrides closed it (or opened it against
/// the rules). KRX is KR-BANK plus the exchange's closings, and KR-BANK is KR plus the bank closings, so on KRX Chuseok
/// is decided by <c>KR</c>, Labor Day 2025 by <c>KR-BANK</c> and the year-end closing by <c>KRX</c>.
/// </summary>
/// <param name="CalendarId">The calendar whose rule or override decided the day.</param>
/// <param name="Override">True when an override (an operator's or an imported table's word) decided it, not a rule.</param>
public readonly record struct DayLayer(string CalendarId, bool Override);
