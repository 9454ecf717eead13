using System.CommandLine;
using Kairos.Client.Contracts;

namespace Kairos.Cli.Commands;

internal static class LogsCommand
{
    private static readonly string[] Final = ["succeeded", "failed", "timed-out", "killed", "skipped"];

    public static Command Build(TimeProvider clock)
    {
        var run = new Argument<long>("run") { Description = CliText.Get("common.runId") };
        var follow = new Option<bool>("--follow", "-f") { Description = CliText.Get("logs.option.follow") };
        var command = new Command("logs", CliText.Get("logs.description")) { run, follow };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var id = parse.GetValue(run);
            long after = 0;
            while (true)
            {
                var lines = await client.GetLogsAsync(id, after, 1000, ct);
                foreach (var line in lines) Print(line);
                if (lines.Count > 0) after = lines[^1].Seq;
                if (lines.Count == 1000) continue;
                if (!parse.GetValue(follow)) break;
                var state = (await client.GetRunAsync(id, ct)).State;
                if (Final.Contains(state))
                {
                    foreach (var line in await client.GetLogsAsync(id, after, 1000, ct)) Print(line);
                    Console.Error.WriteLine(CliText.Get("logs.finished", id, CliText.State(state)));
                    break;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500), clock, ct);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Print(LogLineDto line)
    {
        var prefix = line.Stream switch { "stderr" => "ERR ", "system" => "--- ", _ => "" };
        Console.WriteLine($"{Display.Time(line.At)} {prefix}{TerminalText.Escape(line.Text)}");
    }
}
