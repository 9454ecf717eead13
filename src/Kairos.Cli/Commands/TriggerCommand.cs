using System.CommandLine;
using Kairos.Client;
using Kairos.Client.Contracts;

namespace Kairos.Cli.Commands;

internal static class TriggerCommand
{
    public static Command Build()
    {
        var job = new Argument<string>("job") { Description = CliText.Get("common.jobId") };
        var date = new Option<string?>("--business-date", "-d") { Description = CliText.Get("trigger.option.businessDate") };
        var reason = new Option<string?>("--reason") { Description = CliText.Get("common.reasonRequired"), Required = true };
        var yes = new Option<bool>("--yes") { Description = CliText.Get("trigger.option.yes") };
        var command = new Command("trigger", CliText.Get("trigger.description")) { job, date, reason, yes };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var (id, day, why) = (parse.GetValue(job)!, parse.GetValue(date), parse.GetValue(reason));
            RunCreatedDto created;
            try
            {
                created = await client.TriggerAsync(id, day, why, parse.GetValue(yes), ct);
            }
            catch (KairosApiException e) when (e.Errors.TryGetValue("confirmClosedDay", out var warning))
            {
                // The server refuses a day the job's calendar closed until it is confirmed: ask, as for a backfill.
                Console.Error.WriteLine(string.Join(" ", warning));
                if (Console.IsInputRedirected) return ExitCodes.Refused;
                Console.Write(CliText.Get("trigger.confirmClosedDay", day ?? "", id));
                if (!Confirmation.Given(Console.ReadLine())) { Console.WriteLine(CliText.Get("trigger.nothingQueued")); return ExitCodes.Ok; }
                created = await client.TriggerAsync(id, day, why, confirmClosedDay: true, ct);
            }
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(created);
            else Console.WriteLine(CliText.Get("trigger.done", created.RunId, created.JobId, created.BusinessDate));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
