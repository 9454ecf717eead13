using System.Globalization;
using Kairos.Cli.Commands;
using Kairos.Client.Contracts;

namespace Kairos.Cli.Tests;

/// <summary>How <c>kairos flow show</c> lays out a flow run in a terminal.</summary>
public sealed class FlowRenderTests
{
    [Fact]
    public void AHeadingWithTheFlowRunsState_ThenOneRowPerStep_WithWhyItHasNotStarted()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var run = new FlowRunDto("end-of-day", "2026-11-23", "failed", at, at.AddMinutes(3),
        [
            new("extract", [], "succeeded", 1, 1, at, at.AddMinutes(1), null, null),
            new("settle", ["extract"], "failed", 2, 1, at.AddMinutes(1), at.AddMinutes(3), null, "exit code 1"),
            new("report", ["settle"], "blocked", null, null, null, null, "not started: upstream step settle did not succeed; rerun it to go on", null),
        ]);

        Assert.Equal(
        [
            "end-of-day 2026-11-23: failed (started 2026-11-23 19:00:00, ended 2026-11-23 19:03:00)",
            "Step     After    State      Run  Started (KST)        Ended                Why",
            "extract           succeeded  1    2026-11-23 19:00:00  2026-11-23 19:01:00",
            "settle   extract  failed     2    2026-11-23 19:01:00  2026-11-23 19:03:00  exit code 1",
            "report   settle   blocked         -                    -                    not started: upstream step settle did not succeed; rerun it to go on",
        ], FlowCommand.Render(run));
    }
}
