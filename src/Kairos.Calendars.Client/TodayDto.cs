namespace Kairos.Calendars.Client;

/// <summary>
/// Today on a calendar: the wall-clock date in the calendar's zone, the day that moment belongs to after the
/// calendar's new-day time, and the business date its closed-day rule books it to.
/// </summary>
/// <param name="Calendar">The calendar id.</param>
/// <param name="TimeZone">The calendar's IANA time zone.</param>
/// <param name="At">The moment asked about, in the calendar's zone.</param>
/// <param name="Date">The wall-clock date of <paramref name="At"/> in the zone.</param>
/// <param name="NewDayAt">When the calendar's business day starts, <c>HH:mm</c>.</param>
/// <param name="OrderDay">The day <paramref name="At"/> belongs to: <paramref name="Date"/>, or the day before when it is before <paramref name="NewDayAt"/>.</param>
/// <param name="BusinessDay">Whether <paramref name="OrderDay"/> is a business day.</param>
/// <param name="ClosedDays">Where work on a closed day is booked: <c>next-business-day</c>, <c>previous-business-day</c> or <c>calendar-day</c>.</param>
/// <param name="BusinessDate">Today's business date.</param>
/// <param name="ClosedBecause">Why <paramref name="OrderDay"/> is closed ("Saturday", "Chuseok (추석)"), when it is.</param>
public sealed record TodayDto(string Calendar, string TimeZone, DateTimeOffset At, DateOnly Date, string NewDayAt, DateOnly OrderDay, bool BusinessDay,
    string ClosedDays, DateOnly BusinessDate, string? ClosedBecause);
