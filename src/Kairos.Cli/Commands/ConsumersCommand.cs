using System.CommandLine;
using System.Globalization;

namespace Kairos.Cli.Commands;

internal static class ConsumersCommand
{
    public static Command Build()
    {
        var command = new Command("consumers", "List configured Kafka consumers: topic, handler, lag, workers and why the supervisor chose that many");
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var consumers = await client.GetConsumersAsync(ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(consumers); return ExitCodes.Ok; }
            var table = new TextTable("CONSUMER", "TOPIC", "HANDLER", "LAG", "WORKERS", "PROCESSED", "RESTARTS", "WHY");
            foreach (var c in consumers)
            {
                table.Add(c.Name, c.Topic, c.Handler, c.TotalLag?.ToString(CultureInfo.InvariantCulture) ?? "?",
                    c.Supervised ? $"{c.Workers}/{c.DesiredWorkers?.ToString(CultureInfo.InvariantCulture) ?? "?"}" : "not supervised",
                    c.Processed.ToString(CultureInfo.InvariantCulture), c.Restarts.ToString(CultureInfo.InvariantCulture), c.Error ?? c.Reason ?? "not checked yet");
            }
            table.Print(Console.Out);
            return ExitCodes.Ok;
        }));

        var name = new Argument<string>("consumer") { Description = "A latest-value consumer's name, such as fx-rates" };
        var latest = new Command("latest", "Print a latest-value consumer's table: each key's latest value and how many messages updated it") { name };
        latest.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var values = await client.GetLatestValuesAsync(parse.GetValue(name)!, ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(values); return ExitCodes.Ok; }
            var table = new TextTable("KEY", "BUSINESS DATE", "VALUE", "UPDATES", "UPDATED");
            foreach (var v in values)
                table.Add(v.Key, v.BusinessDate, v.Value, v.Updates.ToString(CultureInfo.InvariantCulture), v.UpdatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            table.Print(Console.Out);
            return ExitCodes.Ok;
        }));
        command.Subcommands.Add(latest);
        return command;
    }
}
