namespace Kairos.Calendars.Korea;

/// <summary>One holiday or a run of consecutive holidays (the three days of Seollal) that earns substitutes as a whole.</summary>
internal sealed record HolidayGroup(IReadOnlyList<Holiday> Days, SubstituteTrigger Trigger)
{
    public DateOnly Last => Days[^1].Date;

    /// <summary>The English and Korean name the substitute takes ("Chuseok" → "Substitute holiday (Chuseok)", "대체공휴일(추석)").</summary>
    public (string Name, string NameKo) Root => Days.Count == 1 ? (Days[0].Name, Days[0].NameKo) : (Days[Days.Count / 2].Name, Days[Days.Count / 2].NameKo);
}
