using System.CommandLine;
using System.Globalization;

namespace Kairos.Cli.Commands;

internal static class RunsCommand
{
    public static Command Build()
    {
        var job = new Option<string?>("--job", "-j") { Description = "Only this job's runs" };
        var state = new Option<string?>("--state") { Description = "Only runs in this state (running, failed, skipped, ...)" };
        var limit = new Option<int>("--limit", "-n") { Description = "How many", DefaultValueFactory = _ => 20 };
        var command = new Command("runs", "List runs, newest first") { job, state, limit };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var runs = await client.ListRunsAsync(parse.GetValue(job), parse.GetValue(state), null, parse.GetValue(limit), ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(runs); return ExitCodes.Ok; }
            var table = new TextTable("RUN", "JOB", "SLOT/TRIGGER", "BUSINESS DATE", "STATE", "ATTEMPT", $"STARTED ({Display.ZoneName})", "DETAIL");
            foreach (var r in runs)
                table.Add(r.Id.ToString(CultureInfo.InvariantCulture), r.JobId, r.SlotTime is null ? r.Trigger : Display.Time(r.SlotTime), r.BusinessDate,
                    r.SkipReason is null ? r.State : $"{r.State} ({r.SkipReason})", r.Attempt.ToString(CultureInfo.InvariantCulture), Display.Time(r.StartedAt), r.Detail);
            table.Print(Console.Out);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
