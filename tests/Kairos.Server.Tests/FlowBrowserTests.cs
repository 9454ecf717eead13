using Microsoft.Playwright;

namespace Kairos.Server.Tests;

/// <summary>
/// The console's flow page in Debian's Chromium against a real server: a business date with one failed step, drawn as a
/// graph an operator reads at a glance, and a rerun of the step from the page that lets the rest of the flow finish.
/// Screenshots go to artifacts/screenshots.
/// </summary>
public sealed class FlowBrowserTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kairos-flow-page-").FullName;
    private ServerFixture _server = null!;
    private ChromiumSession _chromium = null!;

    private string Flag => Path.Combine(_folder, "settle-may-run");

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            ["end-of-day.yaml"] = $$"""
                flow: end-of-day
                description: The ledger's night
                onFailure: stop
                steps:
                  - id: extract-ledger
                    action: { command: { argv: [sh, -c, 'echo extracting'] } }
                  - id: fx-close
                    action: { noop: true }
                  - id: settle
                    after: [{ job: extract-ledger }, { job: fx-close }]
                    action: { command: { argv: [sh, -c, 'test -f {{Flag}} || { echo "ledger out of balance"; exit 2; }'] } }
                  - id: regulator-report
                    after: [{ job: settle }]
                    action: { noop: true }
                  - id: publish-partners
                    after: [{ job: regulator-report }]
                    action: { noop: true }
                """,
        });
        _chromium = await ChromiumSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AFlowRunWithAFailedStep_IsDrawnAsAGraph_AndARerunFromThePageLetsTheFlowFinish()
    {
        var extract = await _server.Client.TriggerAsync("extract-ledger", "2026-11-23", "set-up");
        var fx = await _server.Client.TriggerAsync("fx-close", "2026-11-23", "set-up");
        await _server.WaitForStateAsync(extract.RunId, "succeeded");
        await _server.WaitForStateAsync(fx.RunId, "succeeded");
        for (var i = 0; i < 300 && (await _server.Client.GetFlowRunAsync("end-of-day", "2026-11-23")).State != "failed"; i++) await Task.Delay(100);

        var page = await ConsolePages.SignInAsync(_chromium.Browser, _server, "ko-KR", 1366, 768);
        await page.ClickAsync("#nav a[href='#/flows']");
        await page.ClickAsync("#flows a[href='#/flows/end-of-day/2026-11-23']");
        var settle = page.Locator("#flow-graph g.node[data-step=settle]");
        await settle.WaitForAsync();
        Assert.Contains("failed", await settle.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Contains("succeeded", await page.GetAttributeAsync("#flow-graph g.node[data-step=extract-ledger]", "class") ?? "", StringComparison.Ordinal);
        // The steps after the failed one are blocked, and say why in the operator's language.
        var report = page.Locator("#flow-graph g.node[data-step=regulator-report]");
        Assert.Contains("blocked", await report.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Contains("상위 단계 settle", await report.TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Contains("blocked", await page.GetAttributeAsync("#flow-graph g.node[data-step=publish-partners]", "class") ?? "", StringComparison.Ordinal);
        Assert.Equal(4, await page.Locator("#flow-graph path.edge").CountAsync());
        Assert.Equal(3, await page.Locator("#flow-timeline rect.bar").CountAsync());
        var cut = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('main section')].filter(s => s.scrollWidth > s.clientWidth + 1).map(s => s.id + ': ' + s.scrollWidth + ' > ' + s.clientWidth)");
        Assert.Empty(cut);
        await ConsolePages.ShotAsync(page, "flow-failed-ko");

        await File.WriteAllTextAsync(Flag, "");
        await page.ClickAsync("#flow-steps button.rerun-from[data-step=settle]");
        await page.WaitForSelectorAsync("dialog#confirm[open]");
        await page.FillAsync("#confirm-reason", "the ledger is balanced");
        await page.ClickAsync("#confirm-ok");
        // The page follows the flow run until it ends: the last step's box turns green without a reload.
        await page.Locator("#flow-graph g.node.succeeded[data-step=publish-partners]").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("succeeded", await page.GetAttributeAsync("#flow-graph g.node[data-step=settle]", "class") ?? "", StringComparison.Ordinal);
        Assert.Equal("succeeded", (await _server.Client.GetFlowRunAsync("end-of-day", "2026-11-23")).State);
        await ConsolePages.ShotAsync(page, "flow-succeeded-ko");

        // A box leads to its step's run.
        await page.ClickAsync("#flow-graph g.node[data-step=settle]");
        await PageUrl.WaitAsync(page, url => url.Contains("/runs/", StringComparison.Ordinal), "the step's run page");
        await page.WaitForSelectorAsync("#run-result");
    }
}
