namespace Kairos.Calendars.Client;

// Institution calendars: defined from other calendars, versioned with who, when and why.
public sealed partial class CalendarClient
{
    /// <summary>Every institution calendar's definition in force, from the server's settings file or the API.</summary>
    public Task<List<CalendarDefinitionVersionDto>> ListDefinitionsAsync(CancellationToken cancellationToken = default) =>
        _api.GetAsync<List<CalendarDefinitionVersionDto>>("api/calendars/definitions", cancellationToken);

    /// <summary>An institution calendar's definition in force.</summary>
    public Task<CalendarDefinitionVersionDto> GetDefinitionAsync(string calendar, CancellationToken cancellationToken = default) =>
        _api.GetAsync<CalendarDefinitionVersionDto>($"{C(calendar)}/definition", cancellationToken);

    /// <summary>Every version of an institution calendar's definition, newest first.</summary>
    public Task<List<CalendarDefinitionVersionDto>> DefinitionHistoryAsync(string calendar, CancellationToken cancellationToken = default) =>
        _api.GetAsync<List<CalendarDefinitionVersionDto>>($"{C(calendar)}/definition/history", cancellationToken);

    /// <summary>
    /// Defines or changes an institution calendar (admin), or with <paramref name="preview"/> only says which days it
    /// would open or close. The calendar id is <paramref name="definition"/>'s.
    /// </summary>
    /// <example><code>
    /// await calendars.DefineAsync(new CalendarDefinitionDto("HANA-BANK", Base: ["KR-BANK"],
    ///     Add: [new("2026-07-15", "Foundation day", "창립기념일")]), "bank's own calendar");
    /// </code></example>
    public Task<CalendarDefinitionResultDto> DefineAsync(CalendarDefinitionDto definition, string reason, bool preview = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrWhiteSpace(definition.Id);
        return _api.SendAsync<CalendarDefinitionResultDto>(HttpMethod.Put,
            $"{C(definition.Id)}/definition?reason={Uri.EscapeDataString(reason ?? "")}{(preview ? "&preview=true" : "")}", definition, cancellationToken);
    }

    /// <summary>Deletes an institution calendar that no job and no other calendar uses (admin).</summary>
    public Task<CalendarDefinitionResultDto> DeleteDefinitionAsync(string calendar, string reason, CancellationToken cancellationToken = default) =>
        _api.SendAsync<CalendarDefinitionResultDto>(HttpMethod.Delete, $"{C(calendar)}/definition?reason={Uri.EscapeDataString(reason)}", NoFields, cancellationToken);
}
