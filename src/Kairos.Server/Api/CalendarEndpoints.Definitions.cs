using Kairos.Calendars.Client;
using Kairos.Core.Ports;
using Kairos.Scheduling;
using Kairos.Server.Operations.Calendars;

namespace Kairos.Server.Api;

// Institution calendars: their definitions and the history of each. Changes are operations (Operations/Calendars)
// that a second person can be asked to approve.
internal static partial class CalendarEndpoints
{
    private static async Task<IResult> DefinitionsAsync(CalendarCatalog catalog, CancellationToken ct)
    {
        await catalog.RefreshAsync(ct);
        var fromFile = catalog.Configured.Definitions.Select(InstitutionCalendarChange.ToDto);
        var fromApi = catalog.Stored.Where(v => !catalog.Configured.Defines(v.CalendarId)).Select(InstitutionCalendarChange.ToDto);
        // A stored calendar whose base has gone (a settings-file calendar removed at a restart) is defined but not in force: say why.
        var problems = catalog.Problems.ToLookup(p => p.CalendarId, StringComparer.OrdinalIgnoreCase);
        return TypedResults.Ok(fromFile.Concat(fromApi)
            .Select(d => problems[d.Calendar].FirstOrDefault() is { } p ? d with { Problem = CalendarDefinitionInput.Describe(p, catalog.Ids) } : d)
            .OrderBy(d => d.Calendar, StringComparer.Ordinal).ToList());
    }

    private static async Task<IResult> DefinitionAsync(string id, CalendarCatalog catalog, CancellationToken ct)
    {
        await catalog.RefreshAsync(ct);
        return catalog.Definition(id) switch
        {
            { Stored: { } stored } => TypedResults.Ok(InstitutionCalendarChange.ToDto(stored)),
            { Definition: var file } => TypedResults.Ok(InstitutionCalendarChange.ToDto(file)),
            null => Problems.NotFound(ApiText.Get("Definition.NotFound", id)),
        };
    }

    private static async Task<IResult> DefinitionHistoryAsync(string id, CalendarCatalog catalog, IKairosStore store, CancellationToken ct)
    {
        var versions = (await store.CalendarDefinitions.HistoryAsync(id, ct)).Select(InstitutionCalendarChange.ToDto).ToList();
        if (catalog.Configured.Definitions.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase)) is { } file)
            versions.Insert(0, InstitutionCalendarChange.ToDto(file));
        return versions.Count == 0 ? Problems.NotFound(ApiText.Get("Definition.NotFound", id)) : TypedResults.Ok(versions);
    }

    private static async Task<IResult> DefineAsync(string id, string? reason, bool? preview, CalendarDefinitionDto? body, HttpContext http, DefineInstitutionCalendar define, CancellationToken ct) =>
        (await define.ExecuteAsync(http.AsActor(), id, body, reason, preview == true, ct)).ToResult(result => TypedResults.Ok(result));

    private static async Task<IResult> DeleteDefinitionAsync(string id, string? reason, HttpContext http, DeleteInstitutionCalendar delete, CancellationToken ct) =>
        (await delete.ExecuteAsync(http.AsActor(), id, reason, ct)).ToResult(result => TypedResults.Ok(result));
}
