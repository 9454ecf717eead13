using System.CommandLine;
using Kairos.Calendars.Client;

namespace Kairos.Cli.Commands;

// What a calendar change does to scheduled runs, as the import and override previews print it: the days, a table of
// runs that disappear, appear and move per job with totals, and the slots themselves only with --details.
internal static partial class CalCommand
{
    private static readonly Option<bool> Details = new("--details") { Description = CliText.Get("cal.impact.details") };

    private static void PrintDays(IEnumerable<ImportChangeDto> changes)
    {
        foreach (var c in changes)
            Console.WriteLine($"  {c.Date:yyyy-MM-dd} {OpenOrClosed(c.WasBusinessDay)} -> {OpenOrClosed(c.BusinessDay)}  {c.WasName}{(c.Name is null ? "" : $" -> {c.Name}")}");
    }

    private static void PrintImpact(ImpactSummaryDto? summary, List<SlotChangeDto> slots, bool listed, int horizonDays)
    {
        // A server without summaries lists the slots; count them the same way (moves unpaired).
        summary ??= new(slots.Count(s => s.Change == "disappears"), slots.Count(s => s.Change == "appears"), 0, slots.Count,
            slots.GroupBy(s => s.JobId).Select(g => new JobImpactDto(g.Key, g.Count(s => s.Change == "disappears"), g.Count(s => s.Change == "appears"), 0)).ToList());
        if (summary.SlotChanges == 0) { Console.WriteLine(CliText.Get("cal.impact.none", horizonDays)); return; }
        Console.WriteLine(CliText.Get("cal.impact.summary", horizonDays, summary.Disappear, summary.Appear, summary.Move));
        var table = TextTable.Titled("cal.impact.columns");
        foreach (var j in summary.Jobs) table.Add(j.JobId, Count(j.Disappear), Count(j.Appear), Count(j.Move));
        table.Add(CliText.Get("cal.impact.total"), Count(summary.Disappear), Count(summary.Appear), Count(summary.Move));
        table.Print(Console.Out);
        if (!listed) { Console.WriteLine(CliText.Get("cal.impact.detailsHint", summary.SlotChanges)); return; }
        foreach (var s in slots)
            Console.WriteLine("  " + CliText.Get("cal.import.slot", CliText.Get("cal.import.change." + s.Change), s.JobId, Display.Zoned(s.SlotTime), $"{s.BusinessDate:yyyy-MM-dd}")
                + (s.MovedWith is { } other ? " " + CliText.Get(s.Change == "appears" ? "cal.impact.movedFrom" : "cal.impact.movedTo", Display.Zoned(other)) : "")
                + (s.Detail is null ? "" : $" {s.Detail}"));
    }

    // Shows what the change would do, then asks, unless --yes; without a terminal to ask on, refuses rather than guess.
    private static async Task<int?> PreviewThenConfirmAsync(ParseResult parse, Option<bool> yes, Option<bool> previewOnly, string calendar, Func<bool, Task<CalendarChangePreviewDto>> previewAsync)
    {
        var preview = await previewAsync(parse.GetValue(Details));
        var json = ServerCall.WantsJson(parse);
        if (parse.GetValue(previewOnly))
        {
            if (json) ServerCall.PrintJson(preview);
            else PrintPreview(preview);
            return ExitCodes.Ok;
        }
        if (!json) PrintPreview(preview);
        if (parse.GetValue(yes)) return null;
        if (Console.IsInputRedirected)
        {
            await Console.Error.WriteLineAsync(CliText.Get("cal.change.needsYes"));
            return ExitCodes.Usage;
        }
        Console.Write(CliText.Get("cal.change.confirm", calendar));
        if (Confirmation.Given(Console.ReadLine())) return null;
        Console.WriteLine(CliText.Get("cal.change.notMade"));
        return ExitCodes.Ok;
    }

    private static void PrintPreview(CalendarChangePreviewDto preview)
    {
        Console.WriteLine(CliText.Get("cal.change.days", preview.Calendar, preview.Changes.Count));
        PrintDays(preview.Changes);
        PrintImpact(preview.Summary, preview.Slots, preview.SlotsListed, preview.HorizonDays);
    }

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
