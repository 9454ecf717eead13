using System.CommandLine;
using System.Globalization;

namespace Kairos.Cli.Commands;

internal static class ConsumersCommand
{
    public static Command Build()
    {
        var command = new Command("consumers", CliText.Get("consumers.description"));
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var consumers = await client.GetConsumersAsync(ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(consumers); return ExitCodes.Ok; }
            var table = TextTable.Titled("consumers.columns");
            foreach (var c in consumers)
            {
                table.Add(c.Name, c.Topic, c.Handler, c.TotalLag?.ToString(CultureInfo.InvariantCulture) ?? "?",
                    c.Supervised ? $"{c.Workers}/{c.DesiredWorkers?.ToString(CultureInfo.InvariantCulture) ?? "?"}" : CliText.Get("consumers.notSupervised"),
                    c.Processed.ToString(CultureInfo.InvariantCulture), c.Restarts.ToString(CultureInfo.InvariantCulture), c.Error ?? c.Reason ?? CliText.Get("consumers.notChecked"));
            }
            table.Print(Console.Out);
            return ExitCodes.Ok;
        }));

        var name = new Argument<string>("consumer") { Description = CliText.Get("consumers.latest.argument") };
        var latest = new Command("latest", CliText.Get("consumers.latest.description")) { name };
        latest.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var values = await client.GetLatestValuesAsync(parse.GetValue(name)!, ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(values); return ExitCodes.Ok; }
            var table = TextTable.Titled("consumers.latest.columns", Display.ZoneName);
            foreach (var v in values)
                table.Add(v.Key, v.BusinessDate, v.Value, v.Updates.ToString(CultureInfo.InvariantCulture), Display.Time(v.UpdatedAt));
            table.Print(Console.Out);
            return ExitCodes.Ok;
        }));
        command.Subcommands.Add(latest);
        return command;
    }
}
