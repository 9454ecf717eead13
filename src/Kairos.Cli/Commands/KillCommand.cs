using System.CommandLine;

namespace Kairos.Cli.Commands;

internal static class KillCommand
{
    public static Command Build()
    {
        var run = new Argument<long>("run") { Description = "Run id" };
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit log (required)", Required = true };
        var command = new Command("kill", "Kill a running run (SIGTERM, then SIGKILL after the job's grace) or cancel one not yet started") { run, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var result = await client.KillAsync(parse.GetValue(run), parse.GetValue(reason), ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(result);
            else Console.WriteLine(result.State == "running" ? $"run {result.Id}: kill requested; its node stops it now" : $"run {result.Id}: {result.State}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
