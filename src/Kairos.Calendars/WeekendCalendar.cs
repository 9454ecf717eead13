namespace Kairos.Calendars;

/// <summary>Saturdays and Sundays are not business days; every other day is.</summary>
public sealed class WeekendCalendar : ICalendar
{
    public const string DefaultId = "WEEKDAYS";

    public WeekendCalendar(string id = DefaultId) => Id = id;

    public string Id { get; }

    public bool IsBusinessDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public string? NonBusinessReason(DateOnly day) => IsBusinessDay(day) ? null : day.DayOfWeek.ToString();
}
