using System.CommandLine;
using Kairos.Calendars;
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
                // A plain weekend day's layer is noise; a holiday or an override says which calendar decided it.
                var layer = d.Layer is { } id && (d.Overridden || name is not null) ? $"  ({DecidedBy(new DayLayer(id, d.Overridden), d.BusinessDay)})" : "";
                Console.WriteLine($"{d.Date:yyyy-MM-dd} {Weekday(d.Date, korean)} {state} {(d.Overridden ? "*" : " ")} {name}{layer}".TrimEnd());
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Overrides() => OverrideList("overrides", "cal.overrides.description", (client, id, ct) => client.OverridesAsync(id, ct));

    private static Command History() => OverrideList("history", "cal.history.description", (client, id, ct) => client.HistoryAsync(id, ct));

    // Both lists show an entry made on a calendar below this one (KR-BANK's, seen from KRX) as inherited from it.
    private static Command OverrideList(string name, string description, Func<CalendarClient, string, CancellationToken, Task<List<OverrideDto>>> load)
    {
        var command = new Command(name, CliText.Get(description)) { CalendarArg };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            var entries = await load(client, parse.GetValue(CalendarArg)!, ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(entries); return ExitCodes.Ok; }
            if (entries.Count == 0) Console.WriteLine(CliText.Get("cal.history.none"));
            foreach (var e in entries)
                Console.WriteLine(CliText.Get("cal.history.line", e.Id, $"{e.Date:yyyy-MM-dd}", e.Action, CliText.Get(e.InForce ? "cal.history.inForce" : "cal.history.replaced"), Display.Zoned(e.At), e.Actor,
                    DayName(e.Name, e.NameKo), e.Reason) + (e.Source is null ? "" : $" [{e.Source}]") + (e.Inherited ? " " + CliText.Get("cal.history.inherited", e.Calendar) : ""));
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
        var (yes, preview) = (YesOption(), PreviewOption());
        var command = new Command("override", CliText.Get("cal.override.description")) { CalendarArg, date, closed, open, name, nameKo, reason, source, yes, preview, Details };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            if (parse.GetValue(closed) == parse.GetValue(open)) { await Console.Error.WriteLineAsync(CliText.Get("cal.override.closedOrOpen")); return ExitCodes.Usage; }
            var calendar = parse.GetValue(CalendarArg)!;
            var request = new OverrideRequest(parse.GetValue(date), parse.GetValue(open), parse.GetValue(name), parse.GetValue(nameKo), parse.GetValue(reason), parse.GetValue(source));
            if (await PreviewThenConfirmAsync(parse, yes, preview, calendar, details => client.PreviewDayAsync(calendar, request, details, ct)) is { } stop) return stop;
            var entry = await client.SetDayAsync(calendar, request, ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(entry);
            else Console.WriteLine(entry.Action == "business-day"
                ? CliText.Get("cal.override.nowOpen", entry.Calendar, $"{entry.Date:yyyy-MM-dd}", entry.Id) + (entry.Name is null ? "" : $": {DayName(entry.Name, entry.NameKo)}")
                : CliText.Get("cal.override.nowClosed", entry.Calendar, $"{entry.Date:yyyy-MM-dd}", DayName(entry.Name, entry.NameKo), entry.Id));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Revert()
    {
        var date = new Argument<string>("date") { Description = "yyyy-MM-dd" };
        var reason = new Option<string>("--reason") { Description = CliText.Get("cal.reason"), Required = true };
        var (yes, preview) = (YesOption(), PreviewOption());
        var command = new Command("revert", CliText.Get("cal.revert.description")) { CalendarArg, date, reason, yes, preview, Details };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            if (!CalendarAccess.TryDate(parse.GetValue(date), "date", out var day)) return ExitCodes.Usage;
            var calendar = parse.GetValue(CalendarArg)!;
            if (await PreviewThenConfirmAsync(parse, yes, preview, calendar, details => client.PreviewRevertAsync(calendar, day, details, ct)) is { } stop) return stop;
            var entry = await client.RevertDayAsync(calendar, day, parse.GetValue(reason)!, ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(entry);
            else Console.WriteLine(CliText.Get("cal.revert.done", entry.Calendar, $"{entry.Date:yyyy-MM-dd}", entry.Id));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Option<bool> YesOption() => new("--yes") { Description = CliText.Get("cal.change.yes") };

    private static Option<bool> PreviewOption() => new("--preview") { Description = CliText.Get("cal.change.preview") };

    private static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = CliText.Get("cal.import.file") };
        var apply = new Option<bool>("--apply") { Description = CliText.Get("cal.import.apply") };
        var reason = new Option<string?>("--reason") { Description = CliText.Get("cal.import.reason") };
        var command = new Command("import", CliText.Get("cal.import.description")) { CalendarArg, file, apply, reason, Details };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) { await Console.Error.WriteLineAsync(CliText.Get("cal.import.noFile", path.FullName)); return ExitCodes.Usage; }
            var csv = await File.ReadAllTextAsync(path.FullName, ct);
            var result = await client.ImportAsync(parse.GetValue(CalendarArg)!, csv, parse.GetValue(apply), parse.GetValue(Details), path.Name, parse.GetValue(reason), ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(result); return ExitCodes.Ok; }
            Console.WriteLine(CliText.Get("cal.import.summary", path.Name, result.Rows, result.Changes.Count, result.Calendar));
            PrintDays(result.Changes);
            PrintImpact(result.Summary, result.Slots, result.SlotsListed, result.HorizonDays);
            Console.WriteLine(CliText.Get(result.Applied ? "cal.import.applied" : result.Changes.Count == 0 ? "cal.import.nothing" : "cal.import.previewOnly"));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
