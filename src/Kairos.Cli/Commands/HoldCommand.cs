using System.CommandLine;

namespace Kairos.Cli.Commands;

internal static class HoldCommand
{
    public static Command Build(bool hold)
    {
        var job = new Argument<string>("job") { Description = "Job id" };
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit log (required)", Required = true };
        var command = hold
            ? new Command("hold", "Hold a job: its slots are skipped (reason: held) until it is released") { job, reason }
            : new Command("release", "Release a held job") { job, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var id = parse.GetValue(job)!;
            var result = hold ? await client.HoldAsync(id, parse.GetValue(reason), ct) : await client.ReleaseAsync(id, parse.GetValue(reason), ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(result);
            else Console.WriteLine(result.Held ? $"{id} is held" : $"{id} is released");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
