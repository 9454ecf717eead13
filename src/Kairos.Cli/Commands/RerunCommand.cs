using System.CommandLine;

namespace Kairos.Cli.Commands;

internal static class RerunCommand
{
    public static Command Build()
    {
        var run = new Argument<long>("run") { Description = "Id of a finished run" };
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit log (required)", Required = true };
        var command = new Command("rerun", "Run a finished run's job again, for the same business date") { run, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var created = await client.RerunAsync(parse.GetValue(run), parse.GetValue(reason), ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(created);
            else Console.WriteLine($"run {created.RunId} queued (rerun of {parse.GetValue(run)}), business date {created.BusinessDate}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
