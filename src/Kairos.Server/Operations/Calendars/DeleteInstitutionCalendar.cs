using Kairos.Calendars.Client;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Server.Approvals;

namespace Kairos.Server.Operations.Calendars;

/// <summary>
/// Delete an institution calendar defined through the API (admin). Refused while another calendar is built on it or a
/// job is scheduled on it: removing it would leave them without a calendar. Its history and overrides stay; defining
/// the id again brings its overrides back.
/// </summary>
internal sealed class DeleteInstitutionCalendar(FourEyes fourEyes, InstitutionCalendarChange change, IKairosStore store, OperationAudit audit, TimeProvider clock)
    : GatedOperation<DeleteInstitutionCalendar.Payload, CalendarDefinitionResultDto>(fourEyes)
{
    internal sealed record Payload(string CalendarId, string Reason);

    public override string Name => GatedActions.CalendarDeleteDefinition;

    public override Role Role => Role.Admin;

    public async Task<Outcome<CalendarDefinitionResultDto>> ExecuteAsync(Actor actor, string calendarId, string? reason, CancellationToken ct)
    {
        if (RoleRefusal(actor) is { } role) return role;
        if (await RefusalAsync(calendarId, ct) is { } refusal) return refusal;
        if (Refusal.ReasonMissing(reason) is { } noReason) return noReason;
        var id = calendarId.ToUpperInvariant();
        return await RunOrRequestAsync(actor, $"calendar:{id}", $"delete institution calendar {id}", reason, new Payload(id, reason!.Trim()), ct,
            GatedActions.CalendarDefine, GatedActions.CalendarOverride);
    }

    protected override async Task<Outcome<CalendarDefinitionResultDto>> CarryOutAsync(Actor actor, Payload payload, string requestedBy, CancellationToken ct)
    {
        if (await RefusalAsync(payload.CalendarId, ct) is { } refusal) return Outcome<CalendarDefinitionResultDto>.Refused(refusal, "it cannot be deleted now");
        var current = change.Catalog.Definition(payload.CalendarId)!.Value.Stored!;
        var saved = await store.CalendarDefinitions.AppendAsync(new CalendarDefinitionVersion(current.Definition, CalendarDefinitionChangeKind.Deleted,
            clock.GetUtcNow(), FourEyes.CarriedOutBy(actor, requestedBy), payload.Reason), ct);
        await change.Catalog.RefreshAsync(ct);
        await audit.RecordAsync(actor, GatedActions.CalendarDeleteDefinition, $"calendar:{saved.CalendarId}", payload.Reason, $"version {saved.Version}: deleted");
        return Outcome<CalendarDefinitionResultDto>.Done(new CalendarDefinitionResultDto(saved.CalendarId, true, InstitutionCalendarChange.ToDto(saved), 0, 0, []), $"{saved.CalendarId} deleted");
    }

    private async Task<Refusal?> RefusalAsync(string id, CancellationToken ct)
    {
        if (change.FileDefined(id) is { } fileDefined) return fileDefined;
        await change.Catalog.RefreshAsync(ct);
        if (change.Catalog.Definition(id)?.Stored is null) return Refusal.NotFound(ApiText.Get("Definition.NotFound", id));
        return await change.InUseAsync(change.Catalog.Definition(id)!.Value.Definition.Id, ct);
    }
}
