namespace Kairos.Calendars;

// Calendars compose: a bank calendar is the public calendar plus bank-only closings; an override is a derived calendar.
public sealed partial class BusinessCalendar
{
    /// <summary>
    /// A calendar like this one with <paramref name="add"/> as extra non-business days and <paramref name="remove"/>
    /// as business days (even on a weekend).
    /// </summary>
    public BusinessCalendar Derive(string id, IEnumerable<Holiday>? add = null, IEnumerable<DateOnly>? remove = null, string? description = null)
    {
        var removed = (remove ?? []).ToHashSet();
        var added = (add ?? []).ToList();
        var addedDates = added.Select(h => h.Date).ToHashSet();
        var holidays = _sortedHolidays.Where(h => !removed.Contains(h.Date)).Concat(added.Where(h => !removed.Contains(h.Date)));
        var forced = _forcedBusinessDays.Where(d => !addedDates.Contains(d)).Concat(removed);
        return new BusinessCalendar(id, Weekend, holidays, forced, description ?? Description);
    }

    /// <summary>A day is a business day of the union only when it is one in every calendar.</summary>
    public static BusinessCalendar Union(string id, IReadOnlyList<BusinessCalendar> calendars, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        if (calendars.Count == 0) throw new ArgumentException("a union needs at least one calendar", nameof(calendars));
        var weekend = calendars.Aggregate(WeekendRule.None, (w, c) => w.Union(c.Weekend));
        var forced = calendars.Select(c => (IEnumerable<DateOnly>)c._forcedBusinessDays).Aggregate((a, b) => a.Intersect(b));
        return new BusinessCalendar(id, weekend, calendars.SelectMany(c => c._sortedHolidays), forced, description);
    }
}
