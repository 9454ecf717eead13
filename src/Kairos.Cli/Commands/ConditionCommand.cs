using System.CommandLine;
using Kairos.Client.Contracts;

namespace Kairos.Cli.Commands;

/// <summary>
/// <c>kairos conditions</c> lists the external conditions set for business dates; <c>kairos condition set|remove</c>
/// changes one, for the steps that wait for it in their <c>after</c>.
/// </summary>
internal static class ConditionCommand
{
    public static Command BuildList()
    {
        var from = new Option<string?>("--from") { Description = CliText.Get("conditions.option.from") };
        var to = new Option<string?>("--to") { Description = CliText.Get("conditions.option.to") };
        var command = new Command("conditions", CliText.Get("conditions.description")) { from, to };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var list = await client.ListConditionsAsync(parse.GetValue(from), parse.GetValue(to), ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(list); return ExitCodes.Ok; }
            if (list.Count == 0) { Console.WriteLine(CliText.Get("conditions.none")); return ExitCodes.Ok; }
            var table = TextTable.Titled("conditions.columns", Display.ZoneName);
            foreach (var c in list) table.Add(c.BusinessDate, c.Name, Display.Time(c.SetAt), c.SetBy, c.Reason);
            table.Print(Console.Out);
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Build()
    {
        var command = new Command("condition", CliText.Get("condition.description")) { Change(set: true), Change(set: false) };
        return command;
    }

    private static Command Change(bool set)
    {
        var name = new Argument<string>("name") { Description = CliText.Get("condition.name") };
        var date = new Option<string>("--date", "-d") { Description = CliText.Get("condition.option.date"), Required = true };
        var reason = new Option<string?>("--reason") { Description = CliText.Get("common.reasonRequired"), Required = true };
        var command = new Command(set ? "set" : "remove", CliText.Get(set ? "condition.set.description" : "condition.remove.description")) { name, date, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var (n, d, r) = (parse.GetValue(name)!, parse.GetValue(date)!, parse.GetValue(reason)!);
            if (!set)
            {
                await client.RemoveConditionAsync(n, d, r, ct);
                Console.WriteLine(CliText.Get("condition.removed", n, d));
                return ExitCodes.Ok;
            }
            ConditionDto result = await client.SetConditionAsync(n, d, r, ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(result);
            else Console.WriteLine(CliText.Get(result.Created == false ? "condition.alreadySet" : "condition.set", n, d, result.SetBy));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
