using System.CommandLine;
using System.Globalization;
using Kairos.Client.Contracts;

namespace Kairos.Cli.Commands;

/// <summary><c>kairos flows</c> lists the flows; <c>kairos flow show NAME --date D</c> shows one flow run step by step.</summary>
internal static class FlowCommand
{
    public static Command BuildList()
    {
        var command = new Command("flows", CliText.Get("flows.description"));
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var flows = await client.ListFlowsAsync(ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(flows); return ExitCodes.Ok; }
            if (flows.Count == 0) { Console.WriteLine(CliText.Get("flows.none")); return ExitCodes.Ok; }
            var table = TextTable.Titled("flows.columns");
            foreach (var f in flows)
                table.Add(f.Name, f.Steps.Count.ToString(CultureInfo.InvariantCulture), f.Cron is null ? CliText.Get("flows.noSchedule") : f.Calendar is null ? f.Cron : $"{f.Cron} ({f.Calendar})",
                    f.OnFailure, f.Latest?.BusinessDate, f.Latest is null ? "" : CliText.State(f.Latest.State));
            table.Print(Console.Out);
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Build() => new("flow", CliText.Get("flow.description")) { Show(), Rerun() };

    private static Command Rerun()
    {
        var name = new Argument<string>("name") { Description = CliText.Get("flow.name") };
        var date = new Option<string>("--date", "-d") { Description = CliText.Get("flow.rerun.option.date"), Required = true };
        var from = new Option<string>("--from") { Description = CliText.Get("flow.rerun.option.from"), Required = true };
        var reason = new Option<string?>("--reason") { Description = CliText.Get("common.reasonRequired"), Required = true };
        var command = new Command("rerun", CliText.Get("flow.rerun.description")) { name, date, from, reason };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var answer = await client.RerunFlowAsync(parse.GetValue(name)!, parse.GetValue(date)!, parse.GetValue(from)!, parse.GetValue(reason)!, ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson((object?)answer.Result ?? answer.Approval);
            else if (answer.Approval is { } a) Console.WriteLine(CliText.Get("approvals.waiting", a.Id, a.Summary));
            else Console.WriteLine(CliText.Get("flow.rerun.done", answer.Result!.Flow, answer.Result.BusinessDate,
                string.Join(", ", answer.Result.Runs.Select(r => $"{r.JobId} #{r.RunId}"))));
            return answer.Approval is null ? ExitCodes.Ok : ExitCodes.AwaitingApproval;
        }));
        return command;
    }

    private static Command Show()
    {
        var name = new Argument<string>("name") { Description = CliText.Get("flow.name") };
        var date = new Option<string?>("--date", "-d") { Description = CliText.Get("flow.option.date") };
        var command = new Command("show", CliText.Get("flow.show.description")) { name, date };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var flowName = parse.GetValue(name)!;
            // Without a date, the flow's latest business date: the night an operator is asked about.
            var businessDate = parse.GetValue(date) ?? (await client.ListFlowsAsync(ct)).FirstOrDefault(f => f.Name == flowName)?.Latest?.BusinessDate;
            if (businessDate is null) { Console.Error.WriteLine(CliText.Get("flow.noRuns", flowName)); return ExitCodes.NotFound; }
            var run = await client.GetFlowRunAsync(flowName, businessDate, ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(run); return ExitCodes.Ok; }
            foreach (var line in Render(run)) Console.WriteLine(line);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A heading with the flow run's state and times, then one row per step in the flow's order.</summary>
    public static IEnumerable<string> Render(FlowRunDto run)
    {
        ArgumentNullException.ThrowIfNull(run);
        yield return CliText.Get("flow.heading", run.Flow, run.BusinessDate, CliText.State(run.State), Display.Time(run.StartedAt), Display.Time(run.FinishedAt)).TrimEnd();
        var table = TextTable.Titled("flow.columns", Display.ZoneName);
        foreach (var s in run.Steps)
            table.Add(s.Id, string.Join(", ", s.After), CliText.State(s.State), s.RunId?.ToString(CultureInfo.InvariantCulture), Display.Time(s.StartedAt), Display.Time(s.FinishedAt),
                s.Why ?? (s.State is "failed" or "timed-out" or "killed" or "waiting" ? s.Detail : null));
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        table.Print(writer);
        foreach (var line in writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)) yield return line;
    }
}
