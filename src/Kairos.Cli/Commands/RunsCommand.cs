using System.CommandLine;
using System.Globalization;

namespace Kairos.Cli.Commands;

internal static class RunsCommand
{
    public static Command Build()
    {
        var job = new Option<string?>("--job", "-j") { Description = CliText.Get("runs.option.job") };
        var state = new Option<string?>("--state") { Description = CliText.Get("runs.option.state") };
        var limit = new Option<int>("--limit", "-n") { Description = CliText.Get("runs.option.limit"), DefaultValueFactory = _ => 20 };
        var command = new Command("runs", CliText.Get("runs.description")) { job, state, limit };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var runs = await client.ListRunsAsync(parse.GetValue(job), parse.GetValue(state), null, parse.GetValue(limit), ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(runs); return ExitCodes.Ok; }
            var table = TextTable.Titled("runs.columns", Display.ZoneName);
            foreach (var r in runs)
                table.Add(r.Id.ToString(CultureInfo.InvariantCulture), r.JobId, r.SlotTime is null ? r.Trigger : Display.Time(r.SlotTime), r.BusinessDate,
                    StateOf(r.State, r.SkipReason), r.Attempt.ToString(CultureInfo.InvariantCulture), Display.Time(r.StartedAt), r.Detail);
            table.Print(Console.Out);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A run's state in words, with why it was skipped: "skipped (held)", "건너뜀 (보류)".</summary>
    public static string StateOf(string state, string? skipReason) =>
        skipReason is null ? CliText.State(state) : $"{CliText.State(state)} ({CliText.Reason(skipReason)})";
}
