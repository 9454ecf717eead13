using System.CommandLine;
using Kairos.Client.Contracts;

namespace Kairos.Cli.Commands;

/// <summary>mark-succeeded, skip-next, backfill and approvals: operator actions that may wait for a second person.</summary>
internal static class OperationsCommands
{
    private static Option<string?> Reason() => new("--reason") { Description = "Why, for the audit log (required)", Required = true };

    public static Command MarkSucceeded()
    {
        var run = new Argument<long>("run") { Description = "Id of a failed, timed-out or killed run" };
        var reason = Reason();
        var command = new Command("mark-succeeded", "Record that a failed run's work was done after all (may need a second person's approval)") { run, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
            Report(parse, await client.MarkSucceededAsync(parse.GetValue(run), parse.GetValue(reason)!, ct), r => $"run {r.Id} of {r.JobId} is now succeeded")));
        return command;
    }

    public static Command SkipNext()
    {
        var job = new Argument<string>("job") { Description = "Job id" };
        var reason = Reason();
        var command = new Command("skip-next", "Skip the job's next slot that would run; it is recorded as skipped by you") { job, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
            Report(parse, await client.SkipNextAsync(parse.GetValue(job)!, parse.GetValue(reason)!, ct), r => $"slot {Display.Time(r.SlotTime)} {Display.ZoneName} of {r.JobId} will be skipped (run {r.Id})")));
        return command;
    }

    public static Command Backfill()
    {
        var job = new Argument<string>("job") { Description = "Job id" };
        var from = new Option<string>("--from") { Description = "First business date (yyyy-MM-dd)", Required = true };
        var to = new Option<string>("--to") { Description = "Last business date (yyyy-MM-dd), inclusive", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit log (required to queue the runs)" };
        var yes = new Option<bool>("--yes") { Description = "Queue the runs without asking (for scripts)" };
        var command = new Command("backfill", "Show the slots of past business dates, then queue a run for each after you confirm") { job, from, to, reason, yes };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var (id, first, last) = (parse.GetValue(job)!, parse.GetValue(from)!, parse.GetValue(to)!);
            var preview = await client.PreviewBackfillAsync(id, first, last, ct);
            var count = preview.Slots.Count(s => s.WillRun);
            if (!ServerCall.WantsJson(parse))
            {
                var table = new TextTable("SLOT", "BUSINESS DATE", "SLOT'S RUN", "RUNS?");
                foreach (var s in preview.Slots) table.Add(s.SlotLocal, s.BusinessDate, s.ExistingRunId is { } r ? $"{r} {s.ExistingState}" : "", s.WillRun ? "runs" : "already done");
                table.Print(Console.Out);
                Console.WriteLine($"{count} run(s) for business dates {preview.From} to {preview.To}.");
            }
            if (count == 0) return ExitCodes.Ok;
            if (!parse.GetValue(yes))
            {
                if (Console.IsInputRedirected)
                {
                    Console.Error.WriteLine("Nothing queued: add --yes (and --reason) to queue these runs.");
                    return ExitCodes.Ok;
                }
                Console.Write($"Queue {count} run(s) of {id}? [y/N] ");
                if (Console.ReadLine()?.Trim().ToLowerInvariant() is not ("y" or "yes")) { Console.WriteLine("Nothing queued."); return ExitCodes.Ok; }
            }
            if (string.IsNullOrWhiteSpace(parse.GetValue(reason)))
            {
                Console.Error.WriteLine("error: --reason is required to queue runs; it is recorded in the audit log");
                return ExitCodes.Usage;
            }
            return Report(parse, await client.BackfillAsync(id, first, last, parse.GetValue(reason)!, ct),
                d => $"{d.CreatedRunIds.Count} run(s) queued" + (d.CreatedRunIds.Count > 0 ? $": {string.Join(", ", d.CreatedRunIds)}" : ""));
        }));
        return command;
    }

    public static Command Approvals()
    {
        var state = new Option<string?>("--state") { Description = "pending, approved, rejected or expired (default: all)" };
        var list = new Command("list", "Requests waiting for, or decided by, a second person") { state };
        list.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var approvals = await client.ListApprovalsAsync(parse.GetValue(state), ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(approvals); return ExitCodes.Ok; }
            var table = new TextTable("ID", "STATE", "REQUESTED BY", "WHEN", "WHAT", "DECIDED BY", "OUTCOME");
            foreach (var a in approvals) table.Add(a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.State, a.RequestedBy, $"{Display.Time(a.RequestedAt)} {Display.ZoneName}", a.Summary, a.DecidedBy, a.Outcome);
            table.Print(Console.Out);
            return ExitCodes.Ok;
        }));
        var command = new Command("approvals", "Four eyes: list, approve or reject requests") { list, Decide("approve"), Decide("reject") };
        return command;
    }

    private static Command Decide(string verb)
    {
        var id = new Argument<long>("id") { Description = "Approval id" };
        var reason = new Option<string?>("--reason") { Description = verb == "reject" ? "Why (required)" : "Why (optional)", Required = verb == "reject" };
        var command = new Command(verb, verb == "approve" ? "Approve someone else's request and carry it out now" : "Reject a request, or withdraw your own") { id, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var decided = verb == "approve"
                ? await client.ApproveAsync(parse.GetValue(id), parse.GetValue(reason), ct)
                : await client.RejectAsync(parse.GetValue(id), parse.GetValue(reason)!, ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(decided);
            else Console.WriteLine($"request {decided.Id} {decided.State}" + (decided.Outcome is { } o ? $": {o}" : ""));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int Report<T>(ParseResult parse, Gated<T> answer, Func<T, string> done) where T : class
    {
        if (ServerCall.WantsJson(parse)) ServerCall.PrintJson((object?)answer.Result ?? answer.Approval);
        else if (answer.Approval is { } a) Console.WriteLine($"waiting for a second person's approval: request {a.Id} ({a.Summary}); see 'kairos approvals list'");
        else Console.WriteLine(done(answer.Result!));
        return answer.Approval is null ? ExitCodes.Ok : ExitCodes.AwaitingApproval;
    }
}
