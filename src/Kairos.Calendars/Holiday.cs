namespace Kairos.Calendars;

/// <summary>A named non-business day. <paramref name="NameKo"/> is the name as the official Korean lists write it.</summary>
public sealed record Holiday(DateOnly Date, string Name, string NameKo, HolidayKind Kind)
{
    /// <summary>The name in Korean when <paramref name="korean"/>, otherwise in English.</summary>
    public string NameIn(bool korean) => korean ? NameKo : Name;

    /// <summary>
    /// The id of the calendar that added this day: <c>KR</c> for Chuseok on every Korean calendar, <c>KR-BANK</c> for a
    /// bank-only closing or an override made on KR-BANK. A calendar sets it on the days it adds and keeps it on the days
    /// it inherits; null only on a holiday that is not part of a calendar yet.
    /// </summary>
    public string? Layer { get; init; }
}
