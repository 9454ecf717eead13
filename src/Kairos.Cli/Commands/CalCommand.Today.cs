using System.CommandLine;
using System.Globalization;

namespace Kairos.Cli.Commands;

// `kairos cal today KR-BANK`: the server's answer, because today depends on the calendar's zone, new-day time and
// closed-day rule, which only the server knows for institution calendars.
internal static partial class CalCommand
{
    private static Command Today()
    {
        var at = new Option<string?>("--at") { Description = CliText.Get("cal.today.option.at") };
        var command = new Command("today", CliText.Get("cal.today.description")) { CalendarArg, at };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            DateTimeOffset? moment = null;
            if (parse.GetValue(at) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    await Console.Error.WriteLineAsync(CliText.Get("cal.today.badAt", text));
                    return ExitCodes.Usage;
                }
                moment = parsed;
            }
            var today = await client.TodayAsync(parse.GetValue(CalendarArg)!, moment, ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(today); return ExitCodes.Ok; }
            var date = D(today.BusinessDate);
            Console.WriteLine(today.BusinessDay
                ? CliText.Get("cal.today.open", today.Calendar, date, today.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), today.TimeZone, today.NewDayAt)
                : CliText.Get("cal.today.closed", today.Calendar, date, today.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), today.TimeZone,
                    D(today.OrderDay), today.ClosedBecause ?? "", CliText.Get("cal.today.booking." + today.ClosedDays)));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
