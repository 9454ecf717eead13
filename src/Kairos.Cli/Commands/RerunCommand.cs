using System.CommandLine;

namespace Kairos.Cli.Commands;

internal static class RerunCommand
{
    public static Command Build()
    {
        var run = new Argument<long>("run") { Description = CliText.Get("rerun.argument") };
        var reason = new Option<string?>("--reason") { Description = CliText.Get("common.reasonRequired"), Required = true };
        var command = new Command("rerun", CliText.Get("rerun.description")) { run, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var created = await client.RerunAsync(parse.GetValue(run), parse.GetValue(reason), ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(created);
            else Console.WriteLine(CliText.Get("rerun.done", created.RunId, parse.GetValue(run), created.BusinessDate));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
