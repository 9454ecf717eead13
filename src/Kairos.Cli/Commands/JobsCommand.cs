using System.CommandLine;

namespace Kairos.Cli.Commands;

internal static class JobsCommand
{
    public static Command Build()
    {
        var command = new Command("jobs", CliText.Get("jobs.description"));
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var jobs = await client.ListJobsAsync(ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(jobs); return ExitCodes.Ok; }
            var table = TextTable.Titled("jobs.columns");
            foreach (var j in jobs)
            {
                var state = !j.Held ? CliText.Get("jobs.active") : j.HeldBy is null ? CliText.Get("jobs.held") : CliText.Get("jobs.heldBy", j.HeldBy);
                table.Add(j.Id, j.Owner, j.Action, state, j.Schedule ?? CliText.Get("jobs.manualOnly"));
            }
            table.Print(Console.Out);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
