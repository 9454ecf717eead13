using System.CommandLine;

namespace Kairos.Cli.Commands;

internal static class KillCommand
{
    public static Command Build()
    {
        var run = new Argument<long>("run") { Description = CliText.Get("common.runId") };
        var reason = new Option<string?>("--reason") { Description = CliText.Get("common.reasonRequired"), Required = true };
        var command = new Command("kill", CliText.Get("kill.description")) { run, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var result = await client.KillAsync(parse.GetValue(run), parse.GetValue(reason), ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(result);
            else Console.WriteLine(result.State == "running" ? CliText.Get("kill.requested", result.Id) : CliText.Get("kill.done", result.Id, CliText.State(result.State)));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
