using System.CommandLine;
using Kairos.Calendars.Client;

namespace Kairos.Cli.Commands;

// The `kairos cal` commands that need the server: they read or change overrides, which live in its store.
internal static partial class CalCommand
{
    private static Command Month()
    {
        var month = new Argument<string>("month") { Description = "yyyy-MM" };
        var command = new Command("month", "A month grid: business days, holiday names, overrides (*)") { CalendarArg, month };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            if (!TryMonth(parse.GetValue(month), out var year, out var m)) return ExitCodes.Usage;
            var grid = await client.MonthAsync(parse.GetValue(CalendarArg)!, year, m, ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(grid); return ExitCodes.Ok; }
            var korean = CliLanguage.IsKorean(parse);
            Console.WriteLine(korean ? $"{grid.Calendar} {grid.Year}년 {grid.Month}월: 영업일 {grid.BusinessDays}일" : $"{grid.Calendar} {grid.Year}-{grid.Month:00}: {grid.BusinessDays} business days");
            foreach (var d in grid.Days)
            {
                var state = d.BusinessDay ? (korean ? "영업일" : "open  ") : (korean ? "휴무  " : "closed");
                var name = korean ? d.NameKo : d.Name;
                Console.WriteLine($"{d.Date:yyyy-MM-dd} {Weekday(d.Date, korean)} {state} {(d.Overridden ? "*" : " ")} {name}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command History()
    {
        var command = new Command("history", "Every override of a calendar, oldest first, with who, when, why and source") { CalendarArg };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            var entries = await client.HistoryAsync(parse.GetValue(CalendarArg)!, ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(entries); return ExitCodes.Ok; }
            if (entries.Count == 0) Console.WriteLine("no overrides");
            foreach (var e in entries)
                Console.WriteLine($"#{e.Id} {e.Date:yyyy-MM-dd} {e.Action,-16} {(e.InForce ? "in force" : "replaced"),-8} {Display.Time(e.At)} by {e.Actor}: {e.NameKo ?? e.Name} — {e.Reason}{(e.Source is null ? "" : $" [{e.Source}]")}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Override()
    {
        var date = new Argument<string>("date") { Description = "yyyy-MM-dd" };
        var closed = new Option<bool>("--closed") { Description = "Make the day a non-business day" };
        var open = new Option<bool>("--open") { Description = "Make the day a business day" };
        var name = new Option<string?>("--name") { Description = "English name of a closed day" };
        var nameKo = new Option<string?>("--name-ko") { Description = "Korean name of a closed day, such as 임시공휴일" };
        var reason = new Option<string>("--reason") { Description = "Why (required; kept in the history)", Required = true };
        var source = new Option<string?>("--source") { Description = "Where the decision comes from, such as an announcement" };
        var command = new Command("override", "Close (--closed) or open (--open) one day of a calendar") { CalendarArg, date, closed, open, name, nameKo, reason, source };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            if (parse.GetValue(closed) == parse.GetValue(open)) { await Console.Error.WriteLineAsync("kairos: say --closed or --open"); return ExitCodes.Usage; }
            var entry = await client.SetDayAsync(parse.GetValue(CalendarArg)!, new OverrideRequest(parse.GetValue(date), parse.GetValue(open),
                parse.GetValue(name), parse.GetValue(nameKo), parse.GetValue(reason), parse.GetValue(source)), ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(entry);
            else Console.WriteLine($"{entry.Calendar} {entry.Date:yyyy-MM-dd} is now {(entry.Action == "business-day" ? "a business day" : $"closed: {entry.NameKo ?? entry.Name}")} (override #{entry.Id})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Revert()
    {
        var date = new Argument<string>("date") { Description = "yyyy-MM-dd" };
        var reason = new Option<string>("--reason") { Description = "Why (required; kept in the history)", Required = true };
        var command = new Command("revert", "Return a day to what the calendar's rules say") { CalendarArg, date, reason };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            if (!CalendarAccess.TryDate(parse.GetValue(date), "date", out var day)) return ExitCodes.Usage;
            var entry = await client.RevertDayAsync(parse.GetValue(CalendarArg)!, day, parse.GetValue(reason)!, ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(entry);
            else Console.WriteLine($"{entry.Calendar} {entry.Date:yyyy-MM-dd} follows the calendar's rules again (override #{entry.Id})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV: date,business_day,name (business_day Y/N, true/false, 1/0)" };
        var apply = new Option<bool>("--apply") { Description = "Apply the changes; without it, only preview them" };
        var reason = new Option<string?>("--reason") { Description = "Why, kept with every override" };
        var command = new Command("import", "Preview, then apply, a core-banking business-day table; a bad row applies nothing") { CalendarArg, file, apply, reason };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) { await Console.Error.WriteLineAsync($"kairos: {path.FullName} does not exist"); return ExitCodes.Usage; }
            var csv = await File.ReadAllTextAsync(path.FullName, ct);
            var result = await client.ImportAsync(parse.GetValue(CalendarArg)!, csv, parse.GetValue(apply), path.Name, parse.GetValue(reason), ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(result); return ExitCodes.Ok; }
            Console.WriteLine($"{path.Name}: {result.Rows} rows; {result.Changes.Count} day(s) change on {result.Calendar}");
            foreach (var c in result.Changes)
                Console.WriteLine($"  {c.Date:yyyy-MM-dd} {(c.WasBusinessDay ? "open" : "closed")} -> {(c.BusinessDay ? "open" : "closed")}  {c.WasName}{(c.Name is null ? "" : $" -> {c.Name}")}");
            Console.WriteLine($"Scheduled runs in the next {result.HorizonDays} days that change: {result.Slots.Count}");
            foreach (var s in result.Slots)
                Console.WriteLine($"  {s.Change,-10} {s.JobId} {Display.Time(s.SlotTime)} (business date {s.BusinessDate:yyyy-MM-dd}){(s.Detail is null ? "" : $" {s.Detail}")}");
            Console.WriteLine(result.Applied ? "Applied." : result.Changes.Count == 0 ? "Nothing to apply." : "Preview only: run again with --apply to apply.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
