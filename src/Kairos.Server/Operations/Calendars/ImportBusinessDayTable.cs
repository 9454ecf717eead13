using System.Text;
using Kairos.Definitions;
using Kairos.Calendars.Client;
using Kairos.Core.Ports;
using Kairos.Core.Access;
using Kairos.Core.Calendars;
using Kairos.Scheduling;
using Kairos.Server.Approvals;

namespace Kairos.Server.Operations.Calendars;

/// <summary>
/// Preview, or apply, a business-day table in CSV (date,business_day,name) to a calendar (admin): the days it changes
/// and, per job, the runs of the next 90 days that disappear, appear or move, every one counted; the slots themselves
/// on request. What is applied, now or on approval, is the set of changes computed for the preview.
/// </summary>
internal sealed class ImportBusinessDayTable(FourEyes fourEyes, CalendarChange change, CalendarImpactPreview preview, CalendarCatalog catalog, IKairosStore store, OperationAudit audit, TimeProvider clock)
    : GatedOperation<ImportBusinessDayTable.Payload, ImportResultDto>(fourEyes)
{
    private const int MaxImportBytes = 8 * 1024 * 1024;

    /// <summary>What an approval keeps: the days to change and the counts, not the slot list, which can be long.</summary>
    internal sealed record Payload(string CalendarId, string FileName, int Rows, string? Reason, List<ImportChangeDto> Changes, List<SlotChangeDto>? Slots, ImpactSummaryDto? Summary = null)
    {
        public ImportResultDto ToResult(bool applied, List<SlotChangeDto>? listed = null) =>
            new(CalendarId, applied, Rows, Changes, listed ?? [], CalendarImpactPreview.HorizonDays,
                Summary ?? CalendarImpactPreview.Summary((Slots ?? []).Select(ToSlotChange)), listed is not null);
    }

    public override string Name => GatedActions.CalendarImport;

    public override Role Role => Role.Admin;

    public async Task<Outcome<ImportResultDto>> ExecuteAsync(Actor actor, string calendarId, Stream table, long? length, bool apply, bool details, string? source, string? reason, CancellationToken ct)
    {
        if (RoleRefusal(actor) is { } role) return role;
        if (change.Find(calendarId, out var calendar) is { } missing) return missing;
        if (length > MaxImportBytes) return Refusal.Invalid("", ApiText.Get("Import.TooLarge", MaxImportBytes / 1024 / 1024));
        using var reader = new StreamReader(table, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        var fileName = string.IsNullOrWhiteSpace(source) ? "table.csv" : source.Trim();
        var (rows, errors) = BusinessDayTable.Parse(text, fileName);
        if (errors.Count > 0)
            return Refusal.Invalid(errors.GroupBy(e => e.Line is { } line ? $"line {line}" : "table").ToDictionary(g => g.Key, g => g.Select(e => e.ToString()).ToArray()));

        await catalog.RefreshAsync(ct);
        var changes = BusinessDayTable.Diff(rows, catalog.Get(calendar.Id) ?? calendar).Select(ToChangeDto).ToList();
        var now = clock.GetUtcNow();
        var (_, slots) = await preview.ComputeAsync(Entries(calendar.Id, changes, fileName, reason, actor.Name, now), now, ct);
        var listed = details ? CalendarImpactPreview.List(slots) : null;
        var summary = CalendarImpactPreview.Summary(slots);
        var payload = new Payload(calendar.Id, fileName, rows.Count, reason?.Trim(), changes, null, summary);
        if (!apply || changes.Count == 0) return Outcome<ImportResultDto>.Done(payload.ToResult(applied: false, listed));
        var outcome = await RunOrRequestAsync(actor, $"calendar:{calendar.Id}",
            $"apply {fileName} to {calendar.Id}: {changes.Count} day(s) changed; in the next {CalendarImpactPreview.HorizonDays} days {summary.Disappear} run(s) disappear, {summary.Appear} appear, {summary.Move} move",
            reason, payload, ct, GatedActions.CalendarOverride);
        return listed is null ? outcome : outcome.Map(result => result with { Slots = listed, SlotsListed = true });
    }

    protected override async Task<Outcome<ImportResultDto>> CarryOutAsync(Actor actor, Payload p, string requestedBy, CancellationToken ct)
    {
        if (change.Find(p.CalendarId, out var calendar) is { } missing) return Outcome<ImportResultDto>.Refused(missing, $"calendar {p.CalendarId} is gone");
        await store.Calendars.AppendAsync(Entries(calendar.Id, p.Changes, p.FileName, p.Reason, FourEyes.CarriedOutBy(actor, requestedBy), clock.GetUtcNow()), ct);
        await audit.RecordAsync(actor, GatedActions.CalendarImport, $"calendar:{calendar.Id}", p.Reason, $"{p.FileName}: {p.Rows} rows, {p.Changes.Count} days changed",
            string.Join(", ", p.Changes.Select(c => $"{c.Date:yyyy-MM-dd}={(c.WasBusinessDay ? "open" : "closed")}")),
            string.Join(", ", p.Changes.Select(c => $"{c.Date:yyyy-MM-dd}={(c.BusinessDay ? "open" : "closed")}")));
        await catalog.RefreshAsync(ct);
        return Outcome<ImportResultDto>.Done(p.ToResult(applied: true), $"{p.Changes.Count} day(s) of {calendar.Id} changed from {p.FileName}");
    }

    private static ImportChangeDto ToChangeDto(BusinessDayTable.Change c) => new(c.Date, c.WasBusinessDay, c.BusinessDay, c.WasName, c.Name);

    // A payload stored before summaries were kept carries the slot list instead; its moves are not paired.
    private static Core.Slots.SlotChange ToSlotChange(SlotChangeDto s) => new(s.JobId, s.SlotTime, s.BusinessDate, s.Change == "appears", null, s.MovedWith);

    // An opened day keeps the table's name (a bank's special open day has one); a closed day without a name gets a generic one.
    private static List<CalendarOverrideEntry> Entries(string calendarId, IEnumerable<ImportChangeDto> changes, string fileName, string? reason, string actor, DateTimeOffset at) =>
        changes.Select(c => new CalendarOverrideEntry(calendarId, c.Date,
            c.BusinessDay ? OverrideAction.BusinessDay : OverrideAction.NonBusinessDay,
            c.BusinessDay ? c.Name : c.Name ?? "Non-business day (imported)", c.BusinessDay ? c.Name : c.Name ?? "휴무일",
            actor, at, reason ?? $"imported from {fileName}", $"import:{fileName}")).ToList();
}
