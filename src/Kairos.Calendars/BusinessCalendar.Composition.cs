namespace Kairos.Calendars;

// Calendars compose: a bank calendar is the public calendar plus bank-only closings; an override is a derived calendar.
public sealed partial class BusinessCalendar
{
    /// <summary>
    /// A calendar like this one with <paramref name="add"/> as extra non-business days and <paramref name="remove"/>
    /// as business days (even on a weekend). The days it adds or opens are its own layer (<paramref name="id"/>); the
    /// ones it keeps stay with the layer that decided them.
    /// </summary>
    /// <param name="byOverride">True when <paramref name="remove"/> are overrides rather than the new calendar's rules.</param>
    public BusinessCalendar Derive(string id, IEnumerable<Holiday>? add = null, IEnumerable<DateOnly>? remove = null, string? description = null, bool byOverride = false)
    {
        var removed = (remove ?? []).ToHashSet();
        var added = (add ?? []).ToList();
        var addedDates = added.Select(h => h.Date).ToHashSet();
        var holidays = _sortedHolidays.Where(h => !removed.Contains(h.Date)).Concat(added.Where(h => !removed.Contains(h.Date)));
        var forced = _forcedBusinessDays.Where(d => !addedDates.Contains(d)).Concat(removed);
        var openedBy = _openedBy.Where(p => !addedDates.Contains(p.Key) && !removed.Contains(p.Key))
            .Concat(removed.Select(d => KeyValuePair.Create(d, new DayLayer(id, byOverride))));
        return new BusinessCalendar(id, Weekend, holidays, forced, description ?? Description)
        {
            Layers = LayersOver([this], id),
            WeekendLayer = WeekendLayer,
            ForcedBusinessDayLayers = openedBy.ToDictionary(),
            DateRule = DateRule,
            TimeZoneId = TimeZoneId,
        };
    }

    /// <summary>This calendar with another business-date rule and time zone; its days are shared, not recomputed.</summary>
    public BusinessCalendar WithConventions(BusinessDateRule dateRule, string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(dateRule);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        return new BusinessCalendar(this) { DateRule = dateRule, TimeZoneId = timeZoneId };
    }

    /// <summary>
    /// A day is a business day of the union only when it is one in every calendar. The union keeps the first
    /// calendar's business-date rule and time zone.
    /// </summary>
    public static BusinessCalendar Union(string id, IReadOnlyList<BusinessCalendar> calendars, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        if (calendars.Count == 0) throw new ArgumentException("a union needs at least one calendar", nameof(calendars));
        var weekend = calendars.Aggregate(WeekendRule.None, (w, c) => w.Union(c.Weekend));
        var forced = calendars.Select(c => (IEnumerable<DateOnly>)c._forcedBusinessDays).Aggregate((a, b) => a.Intersect(b)).ToList();
        // A plain weekend day is the one shared weekend layer's, or the union's own when the calendars differ.
        var weekendLayers = calendars.Select(c => (c.WeekendLayer, c.Weekend)).Distinct().ToList();
        return new BusinessCalendar(id, weekend, calendars.SelectMany(c => c._sortedHolidays), forced, description)
        {
            Layers = LayersOver(calendars, id),
            WeekendLayer = weekendLayers.Count == 1 ? weekendLayers[0].WeekendLayer : id,
            ForcedBusinessDayLayers = forced.ToDictionary(d => d, d => calendars[0]._openedBy.GetValueOrDefault(d, new DayLayer(calendars[0].Id, false))),
            DateRule = calendars[0].DateRule,
            TimeZoneId = calendars[0].TimeZoneId,
        };
    }
}
