namespace Kairos.Calendars.Institutions;

/// <summary>Why an institution calendar cannot be composed.</summary>
public enum CalendarDefinitionProblemKind
{
    /// <summary>The id is a built-in calendar's.</summary>
    BuiltInId,
    /// <summary>Two definitions have the same id.</summary>
    DuplicateId,
    /// <summary>A base names no calendar.</summary>
    UnknownBase,
    /// <summary>The calendar is, through its bases, a base of itself.</summary>
    Cycle,
    /// <summary>A base is an institution calendar that cannot be composed itself.</summary>
    BrokenBase,
    /// <summary>The definition names no base.</summary>
    NoBase,
}

/// <summary>
/// One definition that cannot be composed: which calendar, which field (<c>id</c> or <c>base</c>), why, and the ids
/// involved (the unknown base, or the cycle's path), for whoever shows it to render in its own words.
/// </summary>
public sealed record CalendarDefinitionProblem(string CalendarId, string Field, CalendarDefinitionProblemKind Kind, string Detail)
{
    public override string ToString() => Kind switch
    {
        CalendarDefinitionProblemKind.BuiltInId => $"calendar {CalendarId}: id: {CalendarId} is a built-in calendar",
        CalendarDefinitionProblemKind.DuplicateId => $"calendar {CalendarId}: id: defined twice",
        CalendarDefinitionProblemKind.UnknownBase => $"calendar {CalendarId}: base: there is no calendar {Detail}",
        CalendarDefinitionProblemKind.Cycle => $"calendar {CalendarId}: base: the bases go round in a circle ({Detail})",
        CalendarDefinitionProblemKind.NoBase => $"calendar {CalendarId}: base: names no calendar",
        _ => $"calendar {CalendarId}: base: {Detail} cannot be composed",
    };
}
