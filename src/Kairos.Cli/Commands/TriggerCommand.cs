using System.CommandLine;

namespace Kairos.Cli.Commands;

internal static class TriggerCommand
{
    public static Command Build()
    {
        var job = new Argument<string>("job") { Description = "Job id" };
        var date = new Option<string?>("--business-date", "-d") { Description = "Business date the run is for, yyyy-MM-dd (default: today in the job's zone)" };
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit log (required)", Required = true };
        var command = new Command("trigger", "Run a job now (runs even when the job is held)") { job, date, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var created = await client.TriggerAsync(parse.GetValue(job)!, parse.GetValue(date), parse.GetValue(reason), ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(created);
            else Console.WriteLine($"run {created.RunId} queued for {created.JobId}, business date {created.BusinessDate}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
