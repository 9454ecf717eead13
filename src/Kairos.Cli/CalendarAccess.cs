using System.CommandLine;
using System.Net;
using Kairos.Calendars;
using Kairos.Calendars.Client;
using Kairos.Client;

namespace Kairos.Cli;

/// <summary>
/// Where `kairos cal` gets a calendar: the server's copy (overrides included) when it answers, otherwise the built-in
/// calendars, said plainly on stderr so that stdout stays clean for scripts.
/// </summary>
internal static class CalendarAccess
{
    public static readonly Option<bool> Local = new("--local")
    {
        Description = CliText.Get("cal.option.local"),
        Recursive = true,
    };

    public static async Task<(BusinessCalendar? Calendar, int Exit)> LoadAsync(ParseResult parse, string id, CancellationToken ct)
    {
        if (!parse.GetValue(Local))
        {
            var server = parse.GetValue(KairosCli.Server)!;
            using var http = ServerCall.CreateHttp(server, TimeSpan.FromSeconds(10));
            if (http is null) return (null, ExitCodes.Usage);
            try
            {
                return (await new CalendarClient(http).DownloadAsync(id, BusinessCalendar.RangeStart.Year, BusinessCalendar.RangeEnd.Year, ct), ExitCodes.Ok);
            }
            catch (KairosApiException e) when (e.Status == HttpStatusCode.NotFound)
            {
                await Console.Error.WriteLineAsync($"kairos: {e.Message}");
                return (null, ExitCodes.NotFound);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Console.Error.WriteLineAsync(CliText.Get("cal.serverUnreachable", server));
            }
        }
        var calendar = BuiltInCalendars.Default.Get(id);
        if (calendar is null)
        {
            await Console.Error.WriteLineAsync(CliText.Get("cal.noCalendar", id, string.Join(", ", BuiltInCalendars.Ids)));
            return (null, ExitCodes.NotFound);
        }
        return (calendar, ExitCodes.Ok);
    }

    /// <summary>A yyyy-MM-dd argument, or a usage error naming it.</summary>
    public static bool TryDate(string? text, string what, out DateOnly date)
    {
        if (Core.Runs.BusinessDates.TryParse(text, out date)) return true;
        Console.Error.WriteLine(CliText.Get("common.notDate", what, text));
        return false;
    }
}
