namespace Kairos.Calendars;

/// <summary>A named, immutable set of non-business days. Answers in dates, never instants.</summary>
public interface ICalendar
{
    /// <summary>The calendar's id, such as <c>WEEKDAYS</c>.</summary>
    string Id { get; }

    /// <summary>True when <paramref name="day"/> is a business day.</summary>
    bool IsBusinessDay(DateOnly day);

    /// <summary>Why <paramref name="day"/> is not a business day (a holiday's name, "Saturday"), or null when it is one.</summary>
    string? NonBusinessReason(DateOnly day);
}
