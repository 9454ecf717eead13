using System.CommandLine;
using System.Globalization;

namespace Kairos.Cli.Commands;

internal static class ExplainCommand
{
    public static Command Build()
    {
        var job = new Argument<string>("job") { Description = CliText.Get("common.jobId") };
        var next = new Option<int>("--next", "-n") { Description = CliText.Get("explain.option.next"), DefaultValueFactory = _ => 10 };
        var recent = new Option<int>("--recent", "-r") { Description = CliText.Get("explain.option.recent"), DefaultValueFactory = _ => 10 };
        var date = new Option<string?>("--date", "-d") { Description = CliText.Get("explain.option.date") };
        var command = new Command("explain", CliText.Get("explain.description")) { job, next, recent, date };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var explain = await client.ExplainAsync(parse.GetValue(job)!, parse.GetValue(next), parse.GetValue(recent), parse.GetValue(date), ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(explain); return ExitCodes.Ok; }
            Console.WriteLine($"{explain.JobId}: {explain.Schedule}{(explain.Held ? "  " + CliText.Get("explain.held") : "")}");
            Console.WriteLine();
            Console.WriteLine(CliText.Get("explain.nextSlots"));
            var slots = TextTable.Titled("explain.slotColumns");
            foreach (var s in explain.Next)
                slots.Add(s.LocalTime, s.BusinessDate, CliText.YesNo(s.WillRun), s.WillRun ? "" : $"{CliText.Reason(s.SkipReason)}: {s.Detail}");
            slots.Print(Console.Out);
            Console.WriteLine();
            Console.WriteLine(CliText.Get("explain.recentRuns", Display.ZoneName));
            var runs = TextTable.Titled("explain.runColumns");
            foreach (var r in explain.Recent)
                runs.Add(r.Id.ToString(CultureInfo.InvariantCulture), r.SlotTime is null ? r.Trigger : Display.Time(r.SlotTime), r.BusinessDate,
                    RunsCommand.StateOf(r.State, r.SkipReason), r.Attempt.ToString(CultureInfo.InvariantCulture),
                    r.LatenessMs?.ToString("0.#", CultureInfo.InvariantCulture), r.Detail);
            runs.Print(Console.Out);
            if (explain.Dependencies is { } dependencies)
            {
                Console.WriteLine();
                Console.WriteLine(CliText.Get("explain.dependencies", explain.DependencyDate));
                var table = TextTable.Titled("explain.dependencyColumns");
                foreach (var d in dependencies) table.Add(d.Job ?? d.Condition, d.BusinessDate, CliText.YesNo(d.Met), d.Why);
                table.Print(Console.Out);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
