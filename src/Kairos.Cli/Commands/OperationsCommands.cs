using System.CommandLine;
using Kairos.Client.Contracts;

namespace Kairos.Cli.Commands;

/// <summary>mark-succeeded, skip-next, backfill and approvals: operator actions that may wait for a second person.</summary>
internal static class OperationsCommands
{
    private static Option<string?> Reason() => new("--reason") { Description = CliText.Get("common.reasonRequired"), Required = true };

    public static Command MarkSucceeded()
    {
        var run = new Argument<long>("run") { Description = CliText.Get("markSucceeded.argument") };
        var reason = Reason();
        var command = new Command("mark-succeeded", CliText.Get("markSucceeded.description")) { run, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
            Report(parse, await client.MarkSucceededAsync(parse.GetValue(run), parse.GetValue(reason)!, ct), r => CliText.Get("markSucceeded.done", r.Id, r.JobId))));
        return command;
    }

    public static Command SkipNext()
    {
        var job = new Argument<string>("job") { Description = CliText.Get("common.jobId") };
        var reason = Reason();
        var command = new Command("skip-next", CliText.Get("skipNext.description")) { job, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
            Report(parse, await client.SkipNextAsync(parse.GetValue(job)!, parse.GetValue(reason)!, ct), r => CliText.Get("skipNext.done", r.SlotTime is { } t ? Display.Zoned(t) : "-", r.JobId, r.Id))));
        return command;
    }

    public static Command Backfill()
    {
        var job = new Argument<string>("job") { Description = CliText.Get("common.jobId") };
        var from = new Option<string>("--from") { Description = CliText.Get("backfill.option.from"), Required = true };
        var to = new Option<string>("--to") { Description = CliText.Get("backfill.option.to"), Required = true };
        var reason = new Option<string?>("--reason") { Description = CliText.Get("backfill.option.reason") };
        var yes = new Option<bool>("--yes") { Description = CliText.Get("backfill.option.yes") };
        var command = new Command("backfill", CliText.Get("backfill.description")) { job, from, to, reason, yes };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var (id, first, last) = (parse.GetValue(job)!, parse.GetValue(from)!, parse.GetValue(to)!);
            var preview = await client.PreviewBackfillAsync(id, first, last, ct);
            var count = preview.Slots.Count(s => s.WillRun);
            if (!ServerCall.WantsJson(parse))
            {
                var table = TextTable.Titled("backfill.columns");
                foreach (var s in preview.Slots) table.Add(s.SlotLocal, s.BusinessDate, s.ExistingRunId is { } r ? $"{r} {CliText.State(s.ExistingState ?? "")}" : "", CliText.Get(s.WillRun ? "backfill.runs" : "backfill.alreadyDone"));
                table.Print(Console.Out);
                Console.WriteLine(CliText.Get("backfill.summary", count, preview.From, preview.To));
            }
            if (count == 0) return ExitCodes.Ok;
            if (!parse.GetValue(yes))
            {
                if (Console.IsInputRedirected)
                {
                    Console.Error.WriteLine(CliText.Get("backfill.needsYes"));
                    return ExitCodes.Ok;
                }
                Console.Write(CliText.Get("backfill.confirm", count, id));
                if (!Confirmation.Given(Console.ReadLine())) { Console.WriteLine(CliText.Get("backfill.nothingQueued")); return ExitCodes.Ok; }
            }
            if (string.IsNullOrWhiteSpace(parse.GetValue(reason)))
            {
                Console.Error.WriteLine(CliText.Get("backfill.needsReason"));
                return ExitCodes.Usage;
            }
            return Report(parse, await client.BackfillAsync(id, first, last, parse.GetValue(reason)!, ct),
                d => d.CreatedRunIds.Count == 0 ? CliText.Get("backfill.queuedNone") : CliText.Get("backfill.queued", d.CreatedRunIds.Count, string.Join(", ", d.CreatedRunIds)));
        }));
        return command;
    }

    public static Command Approvals()
    {
        var state = new Option<string?>("--state") { Description = CliText.Get("approvals.option.state") };
        var list = new Command("list", CliText.Get("approvals.list.description")) { state };
        list.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var approvals = await client.ListApprovalsAsync(parse.GetValue(state), ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(approvals); return ExitCodes.Ok; }
            var table = TextTable.Titled("approvals.columns", Display.ZoneName);
            foreach (var a in approvals) table.Add(a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CliText.State("approval." + a.State), a.RequestedBy, Display.Time(a.RequestedAt), a.Summary, a.DecidedBy, a.Outcome);
            table.Print(Console.Out);
            return ExitCodes.Ok;
        }));
        var command = new Command("approvals", CliText.Get("approvals.description")) { list, Decide("approve"), Decide("reject") };
        return command;
    }

    private static Command Decide(string verb)
    {
        var id = new Argument<long>("id") { Description = CliText.Get("approvals.argument") };
        var reason = new Option<string?>("--reason") { Description = CliText.Get(verb == "reject" ? "approvals.reject.reason" : "approvals.approve.reason"), Required = verb == "reject" };
        var command = new Command(verb, CliText.Get(verb == "approve" ? "approvals.approve.description" : "approvals.reject.description")) { id, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var decided = verb == "approve"
                ? await client.ApproveAsync(parse.GetValue(id), parse.GetValue(reason), ct)
                : await client.RejectAsync(parse.GetValue(id), parse.GetValue(reason)!, ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(decided);
            else Console.WriteLine(CliText.Get("approvals.decided", decided.Id, CliText.State("approval." + decided.State)) + (decided.Outcome is { } o ? $": {o}" : ""));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int Report<T>(ParseResult parse, Gated<T> answer, Func<T, string> done) where T : class
    {
        if (ServerCall.WantsJson(parse)) ServerCall.PrintJson((object?)answer.Result ?? answer.Approval);
        else if (answer.Approval is { } a) Console.WriteLine(CliText.Get("approvals.waiting", a.Id, a.Summary));
        else Console.WriteLine(done(answer.Result!));
        return answer.Approval is null ? ExitCodes.Ok : ExitCodes.AwaitingApproval;
    }
}
