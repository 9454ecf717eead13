using System.CommandLine;

namespace Kairos.Cli.Commands;

internal static class ExplainCommand
{
    public static Command Build()
    {
        var job = new Argument<string>("job") { Description = "Job id" };
        var next = new Option<int>("--next", "-n") { Description = "How many upcoming slots", DefaultValueFactory = _ => 10 };
        var recent = new Option<int>("--recent", "-r") { Description = "How many recent runs", DefaultValueFactory = _ => 10 };
        var command = new Command("explain", "Show a job's next slots (with business date, or why each will be skipped) and its recent runs") { job, next, recent };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var explain = await client.ExplainAsync(parse.GetValue(job)!, parse.GetValue(next), parse.GetValue(recent), ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(explain); return ExitCodes.Ok; }
            Console.WriteLine($"{explain.JobId}: {explain.Schedule}{(explain.Held ? "  [HELD]" : "")}");
            Console.WriteLine();
            Console.WriteLine("Next slots:");
            var slots = new TextTable("SLOT (local)", "BUSINESS DATE", "WILL RUN", "WHY NOT");
            foreach (var s in explain.Next) slots.Add(s.LocalTime, s.BusinessDate, s.WillRun ? "yes" : "no", s.WillRun ? "" : $"{s.SkipReason}: {s.Detail}");
            slots.Print(Console.Out);
            Console.WriteLine();
            Console.WriteLine($"Recent runs (times in {Display.ZoneName}):");
            var runs = new TextTable("RUN", "SLOT", "BUSINESS DATE", "STATE", "ATTEMPT", "LATE ms", "DETAIL");
            foreach (var r in explain.Recent)
                runs.Add(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.SlotTime is null ? r.Trigger : Display.Time(r.SlotTime), r.BusinessDate,
                    r.SkipReason is null ? r.State : $"{r.State} ({r.SkipReason})", r.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    r.LatenessMs?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), r.Detail);
            runs.Print(Console.Out);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
