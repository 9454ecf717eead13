using System.CommandLine;

namespace Kairos.Cli.Commands;

internal static class JobsCommand
{
    public static Command Build()
    {
        var command = new Command("jobs", "List jobs with schedule, owner and held state");
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var jobs = await client.ListJobsAsync(ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(jobs); return ExitCodes.Ok; }
            var table = new TextTable("JOB", "OWNER", "ACTION", "STATE", "SCHEDULE");
            foreach (var j in jobs) table.Add(j.Id, j.Owner, j.Action, j.Held ? (j.HeldBy is null ? "held" : $"held by {j.HeldBy}") : "active", j.Schedule ?? "manual only");
            table.Print(Console.Out);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
