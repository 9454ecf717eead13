using System.CommandLine;

namespace Kairos.Cli.Commands;

internal static class TriggerCommand
{
    public static Command Build()
    {
        var job = new Argument<string>("job") { Description = CliText.Get("common.jobId") };
        var date = new Option<string?>("--business-date", "-d") { Description = CliText.Get("trigger.option.businessDate") };
        var reason = new Option<string?>("--reason") { Description = CliText.Get("common.reasonRequired"), Required = true };
        var command = new Command("trigger", CliText.Get("trigger.description")) { job, date, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var created = await client.TriggerAsync(parse.GetValue(job)!, parse.GetValue(date), parse.GetValue(reason), ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(created);
            else Console.WriteLine(CliText.Get("trigger.done", created.RunId, created.JobId, created.BusinessDate));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
