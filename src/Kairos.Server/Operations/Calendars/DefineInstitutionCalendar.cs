using System.Text.Json;
using Kairos.Calendars.Client;
using Kairos.Calendars.Institutions;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Server.Approvals;

namespace Kairos.Server.Operations.Calendars;

/// <summary>
/// Define or change an institution calendar (admin): validated, composed with every other calendar (an unknown base or
/// a cycle is refused), stored as a new version with who and why, audited; a preview says which days it opens or closes.
/// </summary>
internal sealed class DefineInstitutionCalendar(FourEyes fourEyes, InstitutionCalendarChange change, IKairosStore store, OperationAudit audit, TimeProvider clock)
    : GatedOperation<DefineInstitutionCalendar.Payload, CalendarDefinitionResultDto>(fourEyes)
{
    internal sealed record Payload(string CalendarId, CalendarDefinitionDto Definition, string Reason);

    public override string Name => GatedActions.CalendarDefine;

    public override Role Role => Role.Admin;

    public async Task<Outcome<CalendarDefinitionResultDto>> ExecuteAsync(Actor actor, string calendarId, CalendarDefinitionDto? body, string? reason, bool preview, CancellationToken ct)
    {
        if (RoleRefusal(actor) is { } role) return role;
        var (definition, errors) = CalendarDefinitionInput.Read(body, calendarId);
        if (definition is null) return Refusal.Invalid(errors);
        if (!preview && Refusal.ReasonMissing(reason) is { } noReason) return noReason;
        if (change.FileDefined(definition.Id) is { } fileDefined) return fileDefined;
        var (composition, refusal) = await change.ComposeWithAsync(definition.Id, definition, ct);
        if (refusal is not null) return refusal;
        var before = change.Catalog.Get(definition.Id) ?? InstitutionCalendarChange.BasesOf(definition, composition.Calendars);
        if (preview) return Outcome<CalendarDefinitionResultDto>.Done(change.Diff(definition.Id, before, composition.Calendars.Get(definition.Id), applied: false, saved: null));
        var verb = change.Catalog.Definition(definition.Id) is null ? "define" : "change";
        return await RunOrRequestAsync(actor, $"calendar:{definition.Id}", $"{verb} institution calendar {definition.Id} on {string.Join(" + ", definition.Bases)}",
            reason, new Payload(definition.Id, CalendarDefinitionInput.ToDto(definition), reason!.Trim()), ct, GatedActions.CalendarOverride);
    }

    // Checked again when carried out: an approval may come after the file, the bases or the jobs changed.
    protected override async Task<Outcome<CalendarDefinitionResultDto>> CarryOutAsync(Actor actor, Payload payload, string requestedBy, CancellationToken ct)
    {
        var (definition, errors) = CalendarDefinitionInput.Read(payload.Definition, payload.CalendarId);
        if (definition is null) return Outcome<CalendarDefinitionResultDto>.Refused(Refusal.Invalid(errors), "the definition is no longer valid");
        if (change.FileDefined(definition.Id) is { } fileDefined) return Outcome<CalendarDefinitionResultDto>.Refused(fileDefined, "the settings file defines it now");
        var (_, refusal) = await change.ComposeWithAsync(definition.Id, definition, ct);
        if (refusal is not null) return Outcome<CalendarDefinitionResultDto>.Refused(refusal, "it cannot be composed now");
        var previous = change.Catalog.Definition(definition.Id)?.Stored;
        // Saving what is in force already makes no version, as with job definitions: the history shows changes only.
        if (previous is not null && Json(previous.Definition) == Json(definition))
            return Outcome<CalendarDefinitionResultDto>.Done(new(definition.Id, true, InstitutionCalendarChange.ToDto(previous), 0, 0, []), $"{definition.Id} unchanged");
        var before = change.Catalog.Get(definition.Id);
        var beforeOrBases = before ?? InstitutionCalendarChange.BasesOf(definition, change.Catalog.Current);
        var saved = await store.CalendarDefinitions.AppendAsync(new CalendarDefinitionVersion(definition,
            previous is null ? CalendarDefinitionChangeKind.Created : CalendarDefinitionChangeKind.Changed,
            clock.GetUtcNow(), FourEyes.CarriedOutBy(actor, requestedBy), payload.Reason), ct);
        await change.Catalog.RefreshAsync(ct);
        var result = change.Diff(definition.Id, beforeOrBases, change.Catalog.Get(definition.Id), applied: true, InstitutionCalendarChange.ToDto(saved));
        await audit.RecordAsync(actor, GatedActions.CalendarDefine, $"calendar:{definition.Id}", payload.Reason,
            $"version {saved.Version}: {result.Closed} day(s) closed, {result.Opened} opened",
            previous is null ? null : Json(previous.Definition), Json(definition));
        return Outcome<CalendarDefinitionResultDto>.Done(result, $"{definition.Id} is version {saved.Version}");
    }

    private static string Json(CalendarDefinition d) => JsonSerializer.Serialize(CalendarDefinitionInput.ToDto(d), CalendarJsonContext.Default.CalendarDefinitionDto);
}
