namespace Kairos.Calendars;

/// <summary>A named non-business day. <paramref name="NameKo"/> is the name as the official Korean lists write it.</summary>
public sealed record Holiday(DateOnly Date, string Name, string NameKo, HolidayKind Kind)
{
    /// <summary>The name in Korean when <paramref name="korean"/>, otherwise in English.</summary>
    public string NameIn(bool korean) => korean ? NameKo : Name;
}
