namespace Kairos.Calendars;

/// <summary>A named, immutable set of non-business days. Answers in dates, never instants.</summary>
public interface ICalendar
{
    /// <summary>The calendar's id, such as <c>KR-BANK</c>.</summary>
    string Id { get; }

    /// <summary>True when <paramref name="day"/> is a business day.</summary>
    bool IsBusinessDay(DateOnly day);

    /// <summary>The named holiday on <paramref name="day"/>, business day or not (a Saturday Chuseok is still Chuseok).</summary>
    Holiday? HolidayOn(DateOnly day);

    /// <summary>Why <paramref name="day"/> is not a business day ("Chuseok", "Saturday"), or null when it is one.</summary>
    string? NonBusinessReason(DateOnly day);

    /// <summary>How a run's moment becomes a business date on this calendar, unless its job says otherwise.</summary>
    BusinessDateRule DateRule => BusinessDateRule.Default;

    /// <summary>The IANA time zone whose wall clock this calendar's days are on (what "today" is).</summary>
    string TimeZoneId => BusinessCalendar.DefaultTimeZoneId;
}
