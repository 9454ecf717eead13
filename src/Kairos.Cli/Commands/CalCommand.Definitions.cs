using System.CommandLine;
using System.Text.Json;
using Kairos.Calendars.Client;

namespace Kairos.Cli.Commands;

// Institution calendars: defined on the server from other calendars, from a JSON file in the API's form.
internal static partial class CalCommand
{
    private static Command Define()
    {
        var file = new Argument<FileInfo>("file") { Description = CliText.Get("cal.define.file") };
        var reason = new Option<string?>("--reason") { Description = CliText.Get("cal.reason") };
        var preview = new Option<bool>("--preview") { Description = CliText.Get("cal.define.preview") };
        var command = new Command("define", CliText.Get("cal.define.description")) { file, reason, preview };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) { await Console.Error.WriteLineAsync(CliText.Get("cal.import.noFile", path.FullName)); return ExitCodes.Usage; }
            CalendarDefinitionDto? definition;
            try { definition = JsonSerializer.Deserialize(await File.ReadAllTextAsync(path.FullName, ct), CalendarJsonContext.Default.CalendarDefinitionDto); }
            catch (JsonException e) { await Console.Error.WriteLineAsync(CliText.Get("cal.define.notJson", path.Name, e.Message)); return ExitCodes.Usage; }
            if (definition?.Id is not { Length: > 0 }) { await Console.Error.WriteLineAsync(CliText.Get("cal.define.noId", path.Name)); return ExitCodes.Usage; }
            var isPreview = parse.GetValue(preview);
            if (!isPreview && string.IsNullOrWhiteSpace(parse.GetValue(reason))) { await Console.Error.WriteLineAsync(CliText.Get("cal.define.reasonRequired")); return ExitCodes.Usage; }
            var result = await client.DefineAsync(definition, parse.GetValue(reason) ?? "", isPreview, ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(result); return ExitCodes.Ok; }
            Console.WriteLine(CliText.Get(result.Applied ? "cal.define.done" : "cal.define.previewed", result.Calendar, result.Saved?.Version ?? 0, result.Closed, result.Opened));
            foreach (var c in result.Changes)
                Console.WriteLine($"  {c.Date:yyyy-MM-dd} {OpenOrClosed(c.WasBusinessDay)} -> {OpenOrClosed(c.BusinessDay)}  {c.WasName}{(c.Name is null ? "" : $" -> {c.Name}")}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Definition()
    {
        var history = new Option<bool>("--history") { Description = CliText.Get("cal.definition.history") };
        var command = new Command("definition", CliText.Get("cal.definition.description")) { CalendarArg, history };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            var id = parse.GetValue(CalendarArg)!;
            var versions = parse.GetValue(history) ? await client.DefinitionHistoryAsync(id, ct) : [await client.GetDefinitionAsync(id, ct)];
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(versions); return ExitCodes.Ok; }
            foreach (var v in versions)
            {
                Console.WriteLine(v.Source == "settings"
                    ? CliText.Get("cal.definition.settings", v.Calendar)
                    : CliText.Get("cal.definition.version", v.Calendar, v.Version, v.Kind, v.ChangedAt is { } at ? Display.Zoned(at) : "-", v.ChangedBy ?? "-", v.Reason ?? "-"));
                var d = v.Definition;
                Console.WriteLine($"  base: {string.Join(" + ", d.Base ?? [])}; weekend: {d.Weekend ?? "(bases)"}; timeZone: {d.TimeZone}; newDayAt: {d.BusinessDate?.NewDayAt}; closedDays: {d.BusinessDate?.ClosedDays}");
                foreach (var a in d.Add ?? []) Console.WriteLine($"  + {a.Date} {DayName(a.Name, a.NameKo)}");
                foreach (var r in d.Remove ?? []) Console.WriteLine($"  - {r}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command DeleteDefinition()
    {
        var reason = new Option<string>("--reason") { Description = CliText.Get("cal.reason"), Required = true };
        var command = new Command("undefine", CliText.Get("cal.undefine.description")) { CalendarArg, reason };
        command.SetAction((parse, ct) => WithClient(parse, async client =>
        {
            var result = await client.DeleteDefinitionAsync(parse.GetValue(CalendarArg)!, parse.GetValue(reason)!, ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(result);
            else Console.WriteLine(CliText.Get("cal.undefine.done", result.Calendar, result.Saved?.Version ?? 0));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
