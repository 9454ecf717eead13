using System.CommandLine;

namespace Kairos.Cli.Commands;

internal static class HoldCommand
{
    public static Command Build(bool hold)
    {
        var job = new Argument<string>("job") { Description = CliText.Get("common.jobId") };
        var reason = new Option<string?>("--reason") { Description = CliText.Get("common.reasonRequired"), Required = true };
        var command = hold
            ? new Command("hold", CliText.Get("hold.description")) { job, reason }
            : new Command("release", CliText.Get("release.description")) { job, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var id = parse.GetValue(job)!;
            var result = hold ? await client.HoldAsync(id, parse.GetValue(reason), ct) : await client.ReleaseAsync(id, parse.GetValue(reason), ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(result);
            else Console.WriteLine(CliText.Get(result.Held ? "hold.done" : "release.done", id));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
