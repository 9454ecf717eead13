using Kairos.Cli.Commands;
using Kairos.Client.Contracts;

namespace Kairos.Cli.Tests;

/// <summary>How <c>kairos grid</c> draws jobs by business date in a terminal.</summary>
public sealed class GridRenderTests
{
    [Fact]
    public void OneLetterPerDate_UnderItsDayOfMonth_DotsForNoRun_LowerCaseForSucceededAfterAFailure()
    {
        var grid = new DateGridDto(["2026-11-27", "2026-11-30", "2026-12-01"],
        [
            new("extract", [new("2026-11-27", 1, "succeeded", 1, 0), new("2026-11-30", 4, "succeeded", 2, 1), new("2026-12-01", 7, "running", 1, 0)]),
            new("settle", [new("2026-11-27", 2, "failed", 1, 1), new("2026-12-01", 8, "waiting", 1, 0)]),
            new("gl", []),
        ]);
        Assert.Equal(
        [
            "2026-11-27 .. 2026-12-01",
            "         230",
            "         701",
            "extract  SsR",
            "settle   F.W",
            "gl       ...",
        ], GridCommand.Render(grid));
    }
}
