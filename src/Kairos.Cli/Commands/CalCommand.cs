using System.CommandLine;
using Kairos.Calendars;
using Kairos.Calendars.Client;

namespace Kairos.Cli.Commands;

/// <summary>`kairos cal`: the business-day calendar service from the command line.</summary>
internal static partial class CalCommand
{
    private static readonly Argument<string> CalendarArg = new("calendar") { Description = CliText.Get("cal.argument") };

    public static Command Build(TimeProvider clock)
    {
        var command = new Command("cal", CliText.Get("cal.description"))
        {
            CalendarAccess.Local,
        };
        foreach (var sub in new[] { List(), Holidays(clock), IsBusinessDay(), Today(), Add(), Step("next", 1), Step("prev", -1), Nth(), Between(), Month(), Overrides(), History(), Override(), Revert(), Import(), Define(), Definition(), DeleteDefinition() })
            command.Subcommands.Add(sub);
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", CliText.Get("cal.list.description"));
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            var calendars = await client.ListAsync(ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(calendars); return ExitCodes.Ok; }
            foreach (var c in calendars)
                Console.WriteLine($"{c.Id,-10} {c.Description}  " + CliText.Get("cal.list.line", c.Weekend, c.FirstYear, c.LastYear, c.Overrides, c.DataVersion, c.InheritedOverrides)
                    + (c.Kind == "institution" ? " " + CliText.Get("cal.list.institution", string.Join(" + ", c.Bases ?? [])) : "")
                    + (c.Layers is { Count: > 1 } layers ? "  " + CliText.Get("cal.list.layers", string.Join(" > ", layers)) : ""));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Holidays(TimeProvider clock)
    {
        var from = new Option<string>("--from") { Description = CliText.Get("cal.holidays.option.from") };
        var to = new Option<string>("--to") { Description = CliText.Get("cal.holidays.option.to") };
        var format = new Option<string>("--format") { Description = CliText.Get("cal.holidays.option.format"), DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "csv", "json");
        var weekends = new Option<bool>("--weekends") { Description = CliText.Get("cal.holidays.option.weekends") };
        var header = new Option<bool>("--header") { Description = CliText.Get("cal.holidays.option.header") };
        var command = new Command("holidays", CliText.Get("cal.holidays.description"))
        {
            CalendarArg, from, to, format, weekends, header,
        };
        command.SetAction(async (parse, ct) =>
        {
            var year = clock.GetLocalNow().Year;
            var fromText = parse.GetValue(from) ?? $"{year}-01-01";
            if (!CalendarAccess.TryDate(fromText, "--from", out var start)) return ExitCodes.Usage;
            var toText = parse.GetValue(to) ?? $"{start.Year}-12-31";
            if (!CalendarAccess.TryDate(toText, "--to", out var end)) return ExitCodes.Usage;
            if (end < start) { await Console.Error.WriteLineAsync(CliText.Get("cal.holidays.toBeforeFrom", toText, fromText)); return ExitCodes.Usage; }
            var (calendar, exit) = await CalendarAccess.LoadAsync(parse, parse.GetValue(CalendarArg)!, ct);
            if (calendar is null) return exit;
            var days = calendar.NonBusinessDaysBetween(start, end, parse.GetValue(weekends)).ToList();
            var korean = CliLanguage.IsKorean;
            switch (parse.GetValue(format))
            {
                case "json":
                    ServerCall.PrintJson(days.Select(h => h.ToDto(calendar)).ToList());
                    break;
                case "csv":
                    if (parse.GetValue(header)) Console.WriteLine("date,name");
                    foreach (var h in days) Console.WriteLine($"{h.Date:yyyy-MM-dd},{Csv(h.NameIn(korean))}");
                    break;
                default:
                    foreach (var h in days) Console.WriteLine($"{h.Date:yyyy-MM-dd} {Weekday(h.Date, korean)}  {h.NameIn(korean)}  ({DecidedBy(calendar.LayerOf(h.Date))})");
                    Console.Error.WriteLine(CliText.Get("cal.holidays.count", calendar.Id, days.Count));
                    break;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command IsBusinessDay()
    {
        var date = new Argument<string>("date") { Description = "yyyy-MM-dd" };
        var command = new Command("is-business-day", CliText.Get("cal.isBusinessDay.description")) { CalendarArg, date };
        command.SetAction((parse, ct) => OnDateAsync(parse, date, ct, (calendar, day) =>
        {
            if (ServerCall.WantsJson(parse))
                ServerCall.PrintJson(calendar.ToBusinessDayDto(day));
            else Console.WriteLine(calendar.IsBusinessDay(day) ? "true" : "false");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Add()
    {
        var date = new Argument<string>("date") { Description = "yyyy-MM-dd" };
        var n = new Argument<int>("n") { Description = CliText.Get("cal.add.n") };
        var command = new Command("add", CliText.Get("cal.add.description")) { CalendarArg, date, n };
        command.SetAction((parse, ct) => OnDateAsync(parse, date, ct, (calendar, day) =>
        {
            Console.WriteLine($"{calendar.AddBusinessDays(day, parse.GetValue(n)):yyyy-MM-dd}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Step(string name, int direction)
    {
        var date = new Argument<string>("date") { Description = "yyyy-MM-dd" };
        var command = new Command(name, CliText.Get(direction > 0 ? "cal.next.description" : "cal.prev.description")) { CalendarArg, date };
        command.SetAction((parse, ct) => OnDateAsync(parse, date, ct, (calendar, day) =>
        {
            Console.WriteLine($"{calendar.AddBusinessDays(day, direction):yyyy-MM-dd}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Nth()
    {
        var month = new Argument<string>("month") { Description = "yyyy-MM" };
        var n = new Argument<int>("n") { Description = CliText.Get("cal.nth.n") };
        var command = new Command("nth", CliText.Get("cal.nth.description")) { CalendarArg, month, n };
        command.SetAction(async (parse, ct) =>
        {
            if (!TryMonth(parse.GetValue(month), out var year, out var m)) return ExitCodes.Usage;
            if (parse.GetValue(n) == 0) { await Console.Error.WriteLineAsync(CliText.Get("cal.nth.zero")); return ExitCodes.Usage; }
            var (calendar, exit) = await CalendarAccess.LoadAsync(parse, parse.GetValue(CalendarArg)!, ct);
            if (calendar is null) return exit;
            if (calendar.NthBusinessDayOfMonth(year, m, parse.GetValue(n)) is not { } result)
            {
                await Console.Error.WriteLineAsync(CliText.Get("cal.nth.tooFew", $"{year}-{m:00}", Math.Abs(parse.GetValue(n)), calendar.Id));
                return ExitCodes.NotFound;
            }
            Console.WriteLine($"{result:yyyy-MM-dd}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Between()
    {
        var from = new Argument<string>("from") { Description = CliText.Get("cal.between.from") };
        var to = new Argument<string>("to") { Description = CliText.Get("cal.between.to") };
        var command = new Command("between", CliText.Get("cal.between.description")) { CalendarArg, from, to };
        command.SetAction(async (parse, ct) =>
        {
            if (!CalendarAccess.TryDate(parse.GetValue(from), "from", out var start) || !CalendarAccess.TryDate(parse.GetValue(to), "to", out var end)) return ExitCodes.Usage;
            var (calendar, exit) = await CalendarAccess.LoadAsync(parse, parse.GetValue(CalendarArg)!, ct);
            if (calendar is null) return exit;
            Console.WriteLine(calendar.CountBusinessDays(start, end));
            return ExitCodes.Ok;
        });
        return command;
    }

    // Parses the date argument, loads the calendar argument, and hands both to the answer; usage and not-found exits otherwise.
    private static async Task<int> OnDateAsync(ParseResult parse, Argument<string> date, CancellationToken ct, Func<BusinessCalendar, DateOnly, int> answer)
    {
        if (!CalendarAccess.TryDate(parse.GetValue(date), "date", out var day)) return ExitCodes.Usage;
        var (calendar, exit) = await CalendarAccess.LoadAsync(parse, parse.GetValue(CalendarArg)!, ct);
        return calendar is null ? exit : answer(calendar, day);
    }

    private static bool TryMonth(string? text, out int year, out int month)
    {
        year = month = 0;
        if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var first))
        {
            (year, month) = (first.Year, first.Month);
            return true;
        }
        Console.Error.WriteLine(CliText.Get("cal.notMonth", text));
        return false;
    }

    // An override's day name in the CLI's language, else in the other one: an operator may have given only one.
    private static string DayName(string? name, string? nameKo) => (CliLanguage.IsKorean ? nameKo ?? name : name ?? nameKo) ?? "-";

    private static string OpenOrClosed(bool open) => CliText.Get(open ? "cal.open" : "cal.closed");

    // "closed by KR-BANK (override)": the calendar among the layers whose rule or override decided the day.
    private static string DecidedBy(DayLayer? layer, bool open = false) => layer is { } l
        ? CliText.Get($"cal.layer.{(open ? "openedBy" : "closedBy")}{(l.Override ? "Override" : "")}", l.CalendarId)
        : "";

    private static string Weekday(DateOnly date, bool korean) =>
        korean ? "일월화수목금토"[(int)date.DayOfWeek].ToString() : date.DayOfWeek.ToString()[..3];

    private static string Csv(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;

    private static Task<int> WithClient(ParseResult parse, Func<CalendarClient, Task<int>> call)
    {
        var server = parse.GetValue(KairosCli.Server)!;
        var http = ServerCall.CreateHttp(server, TimeSpan.FromSeconds(30));
        if (http is null) return Task.FromResult(ExitCodes.Usage);
        return ServerCall.RunAsync(server, async () =>
        {
            using (http) return await call(new CalendarClient(http));
        });
    }
}
