namespace Kairos.Core.Jobs;

/// <summary>A schedule as written: cron on a zone's wall clock, a calendar, a day rule and an optional window.</summary>
public sealed record ScheduleSpec(
    string? Cron = null,
    string? TimeZone = null,
    string? Calendar = null,
    string? Days = null,
    int? N = null,
    string? OnHoliday = null,
    WindowSpec? Window = null,
    BusinessDateSpec? BusinessDate = null);

/// <summary>A business-date rule as written: <c>HH:mm</c> and a closed-day booking's kebab-case name.</summary>
public sealed record BusinessDateSpec(string? NewDayAt = null, string? ClosedDays = null);

/// <summary>A wall-clock window <c>HH:mm</c> to <c>HH:mm</c> as written.</summary>
public sealed record WindowSpec(string? Start = null, string? End = null);
