using System.CommandLine;
using System.Globalization;
using Kairos.Client.Contracts;

namespace Kairos.Cli.Commands;

/// <summary><c>kairos grid</c>: each job on each of the latest business dates, one letter per date, as the console's grid.</summary>
internal static class GridCommand
{
    public static Command Build()
    {
        var days = new Option<int?>("--days") { Description = CliText.Get("grid.option.days") };
        var until = new Option<string?>("--until") { Description = CliText.Get("grid.option.until") };
        var command = new Command("grid", CliText.Get("grid.description")) { days, until };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var grid = await client.GetDateGridAsync(parse.GetValue(days), parse.GetValue(until), ct);
            if (ServerCall.WantsJson(parse)) { ServerCall.PrintJson(grid); return ExitCodes.Ok; }
            if (grid.Dates.Count == 0) { Console.WriteLine(CliText.Get("grid.none")); return ExitCodes.Ok; }
            foreach (var line in Render(grid)) Console.WriteLine(line);
            Console.WriteLine(CliText.Get("grid.legend"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// The first line names the range; the next two stack each date's day of month (tens, then units) over its column;
    /// then one line per job. A letter per date: the state of that date's latest run, lower case when it succeeded
    /// only after a failure that date; <c>.</c> for no run.
    /// </summary>
    public static IEnumerable<string> Render(DateGridDto grid)
    {
        var width = Math.Max(3, grid.Jobs.Select(j => j.JobId.Length).DefaultIfEmpty(0).Max()) + 2;
        var days = grid.Dates.Select(d => d[^2..]).ToList();
        yield return $"{grid.Dates[0]} .. {grid.Dates[^1]}";
        yield return new string(' ', width) + string.Concat(days.Select(d => d[0]));
        yield return new string(' ', width) + string.Concat(days.Select(d => d[1]));
        foreach (var job in grid.Jobs)
        {
            var byDate = job.Cells.ToDictionary(c => c.BusinessDate, StringComparer.Ordinal);
            yield return job.JobId.PadRight(width) + string.Concat(grid.Dates.Select(d => byDate.TryGetValue(d, out var cell) ? Letter(cell) : '.'));
        }
    }

    private static char Letter(DateGridCellDto cell)
    {
        var letter = cell.State switch
        {
            "succeeded" => 'S',
            "failed" => 'F',
            "timed-out" => 'T',
            "killed" => 'K',
            "running" or "queued" => 'R',
            "waiting" => 'W',
            "skipped" => '-',
            _ => '?', // scheduled: due later
        };
        return letter == 'S' && cell.Failed > 0 ? char.ToLower(letter, CultureInfo.InvariantCulture) : letter;
    }
}
