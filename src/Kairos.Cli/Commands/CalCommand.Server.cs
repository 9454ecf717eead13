using System.CommandLine;
using Kairos.Calendars.Client;

namespace Kairos.Cli.Commands;

// The `kairos cal` commands that need the server: they read or change overrides, which live in its store.
internal static partial class CalCommand
{
    private static Command Month()
    {
        var month = new Argument<string>("month") { Description = "yyyy-MM" };
        var command = new Command("month", CliText.Get("cal.month.description")) { CalendarArg, month };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            if (!TryMonth(parse.GetValue(month), out var year, out var m)) return ExitCodes.Usage;
            var grid = await client.MonthAsync(parse.GetValue(CalendarArg)!, year, m, ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(grid); return ExitCodes.Ok; }
            var korean = CliLanguage.IsKorean;
            Console.WriteLine(CliText.Get("cal.month.title", grid.Calendar, grid.Year, grid.Month, grid.BusinessDays));
            // Both words padded to the same width, so that the holiday names line up.
            var (open, closed) = (CliText.Get("cal.month.open"), CliText.Get("cal.month.closed"));
            var width = Math.Max(TextTable.Cells(open), TextTable.Cells(closed));
            (open, closed) = (TextTable.Pad(open, width), TextTable.Pad(closed, width));
            foreach (var d in grid.Days)
            {
                var state = d.BusinessDay ? open : closed;
                var name = korean ? d.NameKo : d.Name;
                Console.WriteLine($"{d.Date:yyyy-MM-dd} {Weekday(d.Date, korean)} {state} {(d.Overridden ? "*" : " ")} {name}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command History()
    {
        var command = new Command("history", CliText.Get("cal.history.description")) { CalendarArg };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            var entries = await client.HistoryAsync(parse.GetValue(CalendarArg)!, ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(entries); return ExitCodes.Ok; }
            if (entries.Count == 0) Console.WriteLine(CliText.Get("cal.history.none"));
            foreach (var e in entries)
                Console.WriteLine(CliText.Get("cal.history.line", e.Id, $"{e.Date:yyyy-MM-dd}", e.Action, CliText.Get(e.InForce ? "cal.history.inForce" : "cal.history.replaced"), Display.Zoned(e.At), e.Actor,
                    DayName(e.Name, e.NameKo), e.Reason) + (e.Source is null ? "" : $" [{e.Source}]"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Override()
    {
        var date = new Argument<string>("date") { Description = "yyyy-MM-dd" };
        var closed = new Option<bool>("--closed") { Description = CliText.Get("cal.override.closed") };
        var open = new Option<bool>("--open") { Description = CliText.Get("cal.override.open") };
        var name = new Option<string?>("--name") { Description = CliText.Get("cal.override.name") };
        var nameKo = new Option<string?>("--name-ko") { Description = CliText.Get("cal.override.nameKo") };
        var reason = new Option<string>("--reason") { Description = CliText.Get("cal.reason"), Required = true };
        var source = new Option<string?>("--source") { Description = CliText.Get("cal.override.source") };
        var command = new Command("override", CliText.Get("cal.override.description")) { CalendarArg, date, closed, open, name, nameKo, reason, source };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            if (parse.GetValue(closed) == parse.GetValue(open)) { await Console.Error.WriteLineAsync(CliText.Get("cal.override.closedOrOpen")); return ExitCodes.Usage; }
            var entry = await client.SetDayAsync(parse.GetValue(CalendarArg)!, new OverrideRequest(parse.GetValue(date), parse.GetValue(open),
                parse.GetValue(name), parse.GetValue(nameKo), parse.GetValue(reason), parse.GetValue(source)), ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(entry);
            else Console.WriteLine(entry.Action == "business-day"
                ? CliText.Get("cal.override.nowOpen", entry.Calendar, $"{entry.Date:yyyy-MM-dd}", entry.Id)
                : CliText.Get("cal.override.nowClosed", entry.Calendar, $"{entry.Date:yyyy-MM-dd}", DayName(entry.Name, entry.NameKo), entry.Id));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Revert()
    {
        var date = new Argument<string>("date") { Description = "yyyy-MM-dd" };
        var reason = new Option<string>("--reason") { Description = CliText.Get("cal.reason"), Required = true };
        var command = new Command("revert", CliText.Get("cal.revert.description")) { CalendarArg, date, reason };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            if (!CalendarAccess.TryDate(parse.GetValue(date), "date", out var day)) return ExitCodes.Usage;
            var entry = await client.RevertDayAsync(parse.GetValue(CalendarArg)!, day, parse.GetValue(reason)!, ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(entry);
            else Console.WriteLine(CliText.Get("cal.revert.done", entry.Calendar, $"{entry.Date:yyyy-MM-dd}", entry.Id));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = CliText.Get("cal.import.file") };
        var apply = new Option<bool>("--apply") { Description = CliText.Get("cal.import.apply") };
        var reason = new Option<string?>("--reason") { Description = CliText.Get("cal.import.reason") };
        var command = new Command("import", CliText.Get("cal.import.description")) { CalendarArg, file, apply, reason };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) { await Console.Error.WriteLineAsync(CliText.Get("cal.import.noFile", path.FullName)); return ExitCodes.Usage; }
            var csv = await File.ReadAllTextAsync(path.FullName, ct);
            var result = await client.ImportAsync(parse.GetValue(CalendarArg)!, csv, parse.GetValue(apply), path.Name, parse.GetValue(reason), ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(result); return ExitCodes.Ok; }
            Console.WriteLine(CliText.Get("cal.import.summary", path.Name, result.Rows, result.Changes.Count, result.Calendar));
            foreach (var c in result.Changes)
                Console.WriteLine($"  {c.Date:yyyy-MM-dd} {OpenOrClosed(c.WasBusinessDay)} -> {OpenOrClosed(c.BusinessDay)}  {c.WasName}{(c.Name is null ? "" : $" -> {c.Name}")}");
            Console.WriteLine(CliText.Get("cal.import.slots", result.HorizonDays, result.Slots.Count));
            foreach (var s in result.Slots)
                Console.WriteLine("  " + CliText.Get("cal.import.slot", CliText.Get("cal.import.change." + s.Change), s.JobId, Display.Zoned(s.SlotTime), $"{s.BusinessDate:yyyy-MM-dd}") + (s.Detail is null ? "" : $" {s.Detail}"));
            Console.WriteLine(CliText.Get(result.Applied ? "cal.import.applied" : result.Changes.Count == 0 ? "cal.import.nothing" : "cal.import.previewOnly"));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
