using System.Text.RegularExpressions;

namespace Kairos.Calendars.Institutions;

/// <summary>
/// An institution's own calendar, composed from others: closed when any of <see cref="Bases"/> is closed (their
/// overrides included), then <see cref="Weekend"/> in place of the bases' weekends, then <see cref="Add"/> closed and
/// <see cref="Remove"/> open, then this calendar's own overrides.
/// </summary>
/// <example>KR-BANK plus a foundation day, minus a year-end closing the bank opens on:
/// <code>new CalendarDefinition("HANA-BANK", ["KR-BANK"]) { Add = [new(new(2026, 7, 15), "Foundation day", "창립기념일")], Remove = [new(2026, 12, 31)] }</code>
/// </example>
public sealed partial record CalendarDefinition(string Id, IReadOnlyList<string> Bases)
{
    /// <summary>What an institution calendar's id looks like: upper-case letters, digits and '-', a letter first, at most 40.</summary>
    public const string IdPattern = "^[A-Z][A-Z0-9-]{0,39}$";

    /// <summary>A short name to show, such as the bank's.</summary>
    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The days of the week that are closed; null keeps the union of the bases' weekends.</summary>
    public WeekendRule? Weekend { get; init; }

    /// <summary>Extra non-business days, each with a name.</summary>
    public IReadOnlyList<CalendarDefinitionDay> Add { get; init; } = [];

    /// <summary>Days that are business days here even when a base closes them.</summary>
    public IReadOnlyList<DateOnly> Remove { get; init; } = [];

    public string TimeZoneId { get; init; } = BusinessCalendar.DefaultTimeZoneId;

    public BusinessDateRule DateRule { get; init; } = BusinessDateRule.Default;

    /// <summary>True when <paramref name="id"/> has the shape of an institution calendar id (a built-in id has it too).</summary>
    public static bool IsWellFormedId(string? id) => id is not null && IdRegex().IsMatch(id);

    [GeneratedRegex(IdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();
}

/// <summary>A named non-business day an institution calendar adds.</summary>
public sealed record CalendarDefinitionDay(DateOnly Date, string Name, string? NameKo = null)
{
    public Holiday ToHoliday() => new(Date, Name, NameKo ?? Name, HolidayKind.Closing);
}
