using Kairos.Calendars.Client;
using Kairos.Calendars.Institutions;
using Kairos.Core.Calendars;
using Kairos.Server.Operations.Calendars;

namespace Kairos.Server.Hosting;

/// <summary>
/// <c>Kairos:Calendars:Institutions</c>: institution calendars in the settings file (appsettings.json or <c>--config</c>),
/// each in the API's form. A definition that is invalid, or cannot be composed from the built-ins and the other
/// calendars of the file, refuses the start with one sentence naming the calendar and the field.
/// </summary>
internal static class InstitutionCalendarSetup
{
    public const string Section = "Kairos:Calendars:Institutions";

    public static IServiceCollection AddKairosInstitutionCalendars(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Read(configuration));
        return services;
    }

    public static ConfiguredCalendars Read(IConfiguration configuration)
    {
        List<CalendarDefinitionDto> written;
        try { written = configuration.GetSection(Section).Get<List<CalendarDefinitionDto>>() ?? []; }
        catch (InvalidOperationException e) { throw new StartupRefusal($"{Section} cannot be read: {e.Message}"); }
        var definitions = new List<CalendarDefinition>();
        for (var i = 0; i < written.Count; i++)
        {
            var (definition, errors) = CalendarDefinitionInput.Read(written[i]);
            if (definition is null)
            {
                var (field, messages) = errors.First();
                throw new StartupRefusal($"{Section}:{i}: calendar {written[i]?.Id ?? "(no id)"}: {field}: {messages[0]}.");
            }
            definitions.Add(definition);
        }
        var composition = EffectiveCalendars.Compose(definitions, [], []);
        if (composition.Problems.FirstOrDefault() is { } problem)
            throw new StartupRefusal($"{Section}: calendar {problem.CalendarId}: {problem.Field}: {CalendarDefinitionInput.Describe(problem, composition.Calendars.Ids)}.");
        return new ConfiguredCalendars(definitions);
    }
}
