using Kairos.Calendars;
using Kairos.Calendars.Client;
using Kairos.Core.Calendars;
using Kairos.Core.Ports;
using Kairos.Core.Slots;
using Kairos.Scheduling;
using Kairos.Server.Texts;

namespace Kairos.Server.Operations.Calendars;

/// <summary>
/// What appending override entries would do, before they are appended: the calendars as they would be, and every
/// slot of the next 90 days that disappears, appears or moves. The same for an import, an override and a revert.
/// </summary>
internal sealed class CalendarImpactPreview(CalendarCatalog catalog, JobCatalog jobs, IKairosStore store)
{
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(90);

    public static int HorizonDays => (int)Horizon.TotalDays;

    /// <summary>The calendars with <paramref name="entries"/> appended to the history, and the slots that change.</summary>
    public async Task<(CalendarSet After, IReadOnlyList<SlotChange> Slots)> ComputeAsync(IReadOnlyList<CalendarOverrideEntry> entries, DateTimeOffset now, CancellationToken ct)
    {
        await catalog.RefreshAsync(ct);
        var history = await store.Calendars.ListAsync(null, ct);
        var nextId = history.Count == 0 ? 1 : history.Max(e => e.Id) + 1;
        // Institution calendars are composed again too: an override on KR-BANK moves every calendar built on it.
        var after = EffectiveCalendars.Compose(catalog.Configured.Definitions, catalog.Stored.Select(v => v.Definition),
            history.Concat(entries.Select((e, i) => e with { Id = nextId + i }))).Calendars;
        return (after, CalendarImpact.Compute(jobs.Jobs, catalog.Current, after, now, Horizon));
    }

    /// <summary>The preview of one day's change in <paramref name="calendar"/>; no change when both sides agree.</summary>
    public async Task<CalendarChangePreviewDto> DayAsync(BusinessCalendar calendar, CalendarOverrideEntry entry, bool details, DateTimeOffset now, CancellationToken ct)
    {
        var (after, slots) = await ComputeAsync([entry], now, ct);
        var day = entry.Date;
        var updated = after.Find(calendar.Id);
        var open = updated?.IsBusinessDay(day) ?? calendar.IsBusinessDay(day);
        List<ImportChangeDto> changes = open == calendar.IsBusinessDay(day) ? [] :
            [new(day, calendar.IsBusinessDay(day), open, NameOf(calendar, day), open ? entry.NameKo ?? entry.Name : updated is null ? null : NameOf(updated, day))];
        return new(calendar.Id, changes, Summary(slots), details ? List(slots) : [], details, HorizonDays);
    }

    public static ImpactSummaryDto Summary(IEnumerable<SlotChange> slots)
    {
        var summary = ImpactSummary.Of(slots);
        return new(summary.Disappear, summary.Appear, summary.Move, summary.SlotChanges,
            summary.Jobs.Select(j => new JobImpactDto(j.JobId, j.Disappear, j.Appear, j.Move)).ToList());
    }

    public static List<SlotChangeDto> List(IEnumerable<SlotChange> slots) =>
        slots.Select(s => new SlotChangeDto(s.JobId, s.SlotTime, s.BusinessDate, s.Appears ? "appears" : "disappears", s.Why is null ? null : ReasonText.Render(s.Why), s.MovedWith)).ToList();

    private static string? NameOf(ICalendar calendar, DateOnly day) => calendar.HolidayOn(day)?.NameKo ?? calendar.NonBusinessReason(day);
}
