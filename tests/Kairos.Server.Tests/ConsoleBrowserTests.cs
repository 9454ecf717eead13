using Kairos.Client;
using Microsoft.Playwright;

namespace Kairos.Server.Tests;

/// <summary>
/// The console in Debian's Chromium, driven by Playwright, against a real server on the real clock: what an operator
/// does at 2 a.m. Screenshots go to artifacts/screenshots.
/// </summary>
public sealed class ConsoleBrowserTests : IAsyncLifetime
{
    private const string Hostile = "<img src=x onerror=alert(1)>";

    private ServerFixture _server = null!;
    private ChromiumSession _chromium = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            ["failing.yaml"] = $"id: failing\ndescription: '{Hostile} settles nothing'\nowner: settlement\naction: {{ command: {{ argv: [sh, -c, 'echo \"<script>window.pwned=1</script> partner refused\"; exit 3'] }} }}\n",
            ["hang.yaml"] = "id: hang\nowner: settlement\naction: { command: { argv: [sh, -c, 'echo started; sleep 60'], killGrace: 1s } }\n",
            ["report.yaml"] = "id: report\nowner: settlement\nschedule: { cron: '0 9 * * *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n",
        });
        _chromium = await ChromiumSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _server.DisposeAsync();
    }

    private Task<IPage> SignInAsync(string locale, int width = 1280, int height = 900) => ConsolePages.SignInAsync(_chromium.Browser, _server, locale, width, height);

    private static async Task ConfirmAsync(IPage page, string reason)
    {
        await page.WaitForSelectorAsync("dialog#confirm[open]");
        await page.FillAsync("#confirm-reason", reason);
        await page.ClickAsync("#confirm-ok");
        await page.WaitForSelectorAsync("dialog#confirm", new() { State = WaitForSelectorState.Hidden });
    }

    private static Task ShotAsync(IPage page, string name) => ConsolePages.ShotAsync(page, name);

    [Theory]
    [InlineData("en-US")]
    [InlineData("ko-KR")]
    public async Task Dashboard_OnA1366x768Screen_CountsAtAGlance_EveryTableShowsAllItsColumns(string locale)
    {
        var failed = await _server.Client.TriggerAsync("failing", reason: "set-up");
        for (var i = 0; i < 100 && (await _server.Client.GetRunAsync(failed.RunId)).State != "failed"; i++) await Task.Delay(100);

        var page = await SignInAsync(locale, 1366, 768);
        await page.WaitForSelectorAsync($"#failed a[href='#/runs/{failed.RunId}']");
        await ShotAsync(page, $"dashboard-1366-{locale}");
        Assert.NotEqual("0", await page.InnerTextAsync("#tiles [data-target=failed] .count"));
        Assert.Contains("bad", await page.GetAttributeAsync("#tiles [data-target=failed]", "class") ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("null", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        // A card narrower than its table scrolls it sideways, which hides columns; none may.
        var cut = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('main section')].filter(s => s.scrollWidth > s.clientWidth + 1).map(s => s.id + ': ' + s.scrollWidth + ' > ' + s.clientWidth)");
        Assert.Empty(cut);
    }

    [Fact]
    public async Task Grid_JobsByBusinessDate_ColouredByState_ASquareOpensItsRun()
    {
        var failed = await _server.Client.TriggerAsync("failing", "2026-11-20", "set-up");
        var report = await _server.Client.TriggerAsync("report", "2026-11-23", "set-up");
        await _server.WaitForStateAsync(report.RunId, "succeeded");
        for (var i = 0; i < 100 && (await _server.Client.GetRunAsync(failed.RunId)).State != "failed"; i++) await Task.Delay(100);

        var page = await SignInAsync("ko-KR", 1366, 768);
        await page.ClickAsync("#nav a[href='#/grid']");
        var cell = page.Locator("tr[data-job=failing] td[data-date='2026-11-20'] a.sq");
        await cell.WaitForAsync();
        Assert.Contains("failed", await cell.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Contains("succeeded", await page.GetAttributeAsync("tr[data-job=report] td[data-date='2026-11-23'] a.sq", "class") ?? "", StringComparison.Ordinal);
        // A date the job has no run for is a hole, not a colour.
        Assert.Equal(1, await page.Locator("tr[data-job=failing] td[data-date='2026-11-23'] span.sq.none").CountAsync());
        await ShotAsync(page, "grid-ko");

        await cell.ClickAsync();
        await PageUrl.WaitAsync(page, url => url.EndsWith($"/runs/{failed.RunId}", StringComparison.Ordinal), "the failed run's page");
        await page.WaitForSelectorAsync("#run-result");
    }

    [Fact]
    public async Task Operator_FindsFailedRun_ReadsLog_Reruns_KillsARunning_HoldsAJob_SeesSkippedSlotAndAudit()
    {
        var failed = await _server.Client.TriggerAsync("failing", reason: "set-up");
        for (var i = 0; i < 100 && (await _server.Client.GetRunAsync(failed.RunId)).State != "failed"; i++) await Task.Delay(100);

        var page = await SignInAsync("en-US");
        await ShotAsync(page, "dashboard-en");
        // The failed run is on the dashboard; its log shows the markup as text and runs nothing.
        await page.ClickAsync($"#failed a[href='#/runs/{failed.RunId}']");
        await page.WaitForSelectorAsync("#log div");
        Assert.Contains("<script>window.pwned=1</script> partner refused", await page.InnerTextAsync("#log"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#log script").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("window.pwned"));
        Assert.Contains("exit 3", await page.InnerTextAsync("#run-result"), StringComparison.Ordinal);
        await ShotAsync(page, "failed-run-log");

        // Rerun: a confirmation with a reason, then the new run's page.
        await page.ClickAsync("#rerun");
        await ConfirmAsync(page, "partner is back");
        await PageUrl.WaitAsync(page, url => !url.EndsWith($"/runs/{failed.RunId}", StringComparison.Ordinal), "the rerun's page");
        var rerun = (await _server.Client.ListRunsAsync(jobId: "failing")).First();
        Assert.Equal(failed.RunId, rerun.RerunOf);

        // Trigger a run that hangs, watch its log live, kill it.
        await page.GotoAsync("/#/jobs/hang");
        await page.ClickAsync("#trigger");
        await ConfirmAsync(page, "manual start");
        await page.WaitForSelectorAsync("#kill");
        // The page forbids eval (its Content-Security-Policy), so waits are on selectors, not on script predicates.
        await page.Locator("#log div", new() { HasText = "started" }).First.WaitForAsync();
        await ShotAsync(page, "running-run-live-log");
        await page.ClickAsync("#kill");
        await ConfirmAsync(page, "stuck after hours");
        var hang = (await _server.Client.ListRunsAsync(jobId: "hang")).Single();
        for (var i = 0; i < 100 && hang.State != "killed"; i++) { await Task.Delay(100); hang = await _server.Client.GetRunAsync(hang.Id); }
        Assert.Equal("killed", hang.State);

        // Hold a scheduled job: its next slots show as skipped (held), and the audit log has the entry with the reason.
        await page.GotoAsync("/#/jobs/report");
        await page.ClickAsync("#hold");
        await ConfirmAsync(page, "month-end freeze");
        await page.WaitForSelectorAsync("#release");
        Assert.Contains("skipped: held", await page.InnerTextAsync("#slots"), StringComparison.Ordinal);
        await ShotAsync(page, "held-job-skipped-slots");
        await page.GotoAsync("/#/audit");
        await page.WaitForSelectorAsync("table");
        var audit = await page.InnerTextAsync("main");
        Assert.Contains("job.hold", audit, StringComparison.Ordinal);
        Assert.Contains("month-end freeze", audit, StringComparison.Ordinal);
        Assert.Contains("run.kill", audit, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1 console", audit, StringComparison.Ordinal);
        await ShotAsync(page, "audit-log");

        // The hostile description is text on the jobs page.
        await page.GotoAsync("/#/jobs");
        await page.WaitForSelectorAsync("table");
        Assert.Contains(Hostile, await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("main img").CountAsync());
    }

    [Fact]
    public async Task Admin_ReadsAJobsDefinitionHistory_WhoWhenWhyAndFieldsChanged_AndOpensAVersion()
    {
        var report = (await _server.Client.GetJobAsync("report")).Definition;
        report.Schedule!.Cron = "30 9 * * *";
        await _server.Client.PutJobAsync(report, Hostile + " later cut-off");
        var page = await SignInAsync("en-US");
        await page.GotoAsync("/#/jobs/report");
        await page.WaitForSelectorAsync("#versions table");
        var history = await page.InnerTextAsync("#versions");
        Assert.Contains("Definition history", history, StringComparison.Ordinal);
        Assert.Contains("schedule.cron", history, StringComparison.Ordinal);
        Assert.Contains("tester", history, StringComparison.Ordinal);
        Assert.Contains(Hostile + " later cut-off", history, StringComparison.Ordinal);
        Assert.Contains("report.yaml", history, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("main img").CountAsync());

        await page.ClickAsync("#versions button:text-is('1')");
        await page.WaitForSelectorAsync("#version-definition:not([hidden])");
        Assert.Contains("0 9 * * *", await page.InnerTextAsync("#version-definition"), StringComparison.Ordinal);
        await ShotAsync(page, "job-definition-history");
    }

    [Fact]
    public async Task Operator_MarksAFailedRunSucceeded_SkipsTheNextSlot_BackfillsAfterAPreview()
    {
        var failed = await _server.Client.TriggerAsync("failing", reason: "set-up");
        await _server.WaitForStateAsync(failed.RunId, "failed");
        var page = await SignInAsync("en-US");

        await page.GotoAsync($"/#/runs/{failed.RunId}");
        await page.ClickAsync("#mark-succeeded");
        await ConfirmAsync(page, "settled by phone");
        await page.WaitForSelectorAsync("h1 .state.succeeded");
        Assert.Contains("marked succeeded by tester: settled by phone", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        await page.GotoAsync("/#/jobs/report");
        await page.ClickAsync("#skip-next");
        await ConfirmAsync(page, "partner holiday");
        await page.Locator("#slots", new() { HasText = "skipped: by an operator" }).WaitForAsync();

        // Chuseok 2025 leaves three business days between 10-01 and 10-10: the preview shows them before anything runs.
        await page.FillAsync("#backfill-from", "2025-10-01");
        await page.FillAsync("#backfill-to", "2025-10-10");
        await page.ClickAsync("#backfill-show");
        await page.WaitForSelectorAsync("#backfill-confirm");
        var preview = await page.InnerTextAsync("#backfill-preview");
        Assert.Contains("2025-10-02 09:00 Asia/Seoul", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("2025-10-06", preview, StringComparison.Ordinal);
        Assert.DoesNotContain(await _server.Client.ListRunsAsync(jobId: "report"), r => r.Trigger == "backfill");
        await ShotAsync(page, "backfill-preview");
        await page.ClickAsync("#backfill-confirm");
        await ConfirmAsync(page, "missed during the outage");
        await page.Locator("#flash", new() { HasText = "3 run(s) queued" }).WaitForAsync();
        Assert.Equal(3, (await _server.Client.ListRunsAsync(jobId: "report")).Count(r => r.Trigger == "backfill"));
    }

    [Theory]
    [InlineData("ko-KR", "대시보드", "추석", "Kairos 로그인")]
    [InlineData("en-US", "Dashboard", "Chuseok", "Sign in to Kairos")]
    public async Task Console_SpeaksTheBrowsersLanguage_WithASwitch(string locale, string dashboard, string chuseok, string signInTitle)
    {
        var context = await _chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, BaseURL = _server.Address.ToString() });
        var anonymous = await context.NewPageAsync();
        await anonymous.GotoAsync("/");
        await anonymous.WaitForSelectorAsync("form.login h1");
        Assert.Equal(signInTitle, await anonymous.InnerTextAsync("form.login h1"));

        var page = await SignInAsync(locale);
        Assert.Equal(dashboard, await page.InnerTextAsync("#nav a[href='#/']"));
        await page.GotoAsync("/#/calendars/KR/2026-9");
        await page.WaitForSelectorAsync("#month .day[data-date='2026-09-25']");
        Assert.Contains(chuseok, await page.InnerTextAsync("#month .day[data-date='2026-09-25']"), StringComparison.Ordinal);
        await ShotAsync(page, $"calendar-{locale}");

        // The switch in the page changes the language without signing out.
        var other = locale.StartsWith("ko", StringComparison.Ordinal) ? "en" : "ko";
        await page.SelectOptionAsync("#language", other);
        await page.WaitForSelectorAsync($"html[lang={other}]", new() { State = WaitForSelectorState.Attached });
        Assert.NotEqual(dashboard, await page.InnerTextAsync("#nav a[href='#/']"));
    }

    [Theory]
    [InlineData("en-US", "closed by KR-BANK (override)", "inherited from KR-BANK", "closed by KRX")]
    [InlineData("ko-KR", "KR-BANK 수동 지정으로 휴무", "KR-BANK에서 상속", "KRX 기준 휴무")]
    public async Task Calendar_KrxShowsTheBanksOverride_AsInheritedFromKrBank(string locale, string closedBy, string inherited, string yearEnd)
    {
        await new Kairos.Calendars.Client.CalendarClient(_server.Http).SetDayAsync("KR-BANK",
            new Kairos.Calendars.Client.OverrideRequest("2026-12-10", false, "System migration", "전산 전환", "core banking cut-over", null));
        var page = await SignInAsync(locale);
        await page.GotoAsync("/#/calendars/KRX/2026-12");
        var day = await page.WaitForSelectorAsync("#month .day[data-date='2026-12-10']");
        Assert.Equal(closedBy, await day!.GetAttributeAsync("title"));
        Assert.Contains(closedBy, await day.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(yearEnd, await page.GetAttributeAsync("#month .day[data-date='2026-12-31']", "title"));
        Assert.Contains(inherited, await page.InnerTextAsync("#overrides"), StringComparison.Ordinal);
        Assert.Contains("KR → KR-BANK → KRX", await page.InnerTextAsync("#layers"), StringComparison.Ordinal);
        await ShotAsync(page, $"calendar-layers-{locale}");
    }
}
