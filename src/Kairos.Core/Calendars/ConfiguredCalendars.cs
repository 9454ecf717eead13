using Kairos.Calendars.Institutions;

namespace Kairos.Core.Calendars;

/// <summary>
/// Institution calendars from the server's settings file. They win over the API's: an id defined here is not editable
/// through the API, and a stored definition of the same id is not used.
/// </summary>
public sealed class ConfiguredCalendars(IReadOnlyList<CalendarDefinition> definitions)
{
    public static ConfiguredCalendars None { get; } = new([]);

    public IReadOnlyList<CalendarDefinition> Definitions { get; } = definitions ?? throw new ArgumentNullException(nameof(definitions));

    public bool Defines(string id) => Definitions.Any(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));
}
