using Kairos.Calendars.Client;
using Microsoft.Playwright;

namespace Kairos.Server.Tests;

/// <summary>The console's calendar page on an institution calendar: in the picker, its month, and its definition.</summary>
public sealed class InstitutionCalendarConsoleTests : IAsyncLifetime
{
    private ServerFixture _server = null!;
    private ChromiumSession _chromium = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>());
        _chromium = await ChromiumSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task CalendarPage_ListsTheInstitutionCalendar_ShowsItsDaysAndDefinition()
    {
        await new CalendarClient(_server.Http).DefineAsync(new CalendarDefinitionDto("HANA-BANK", "Hana Bank", Base: ["KR-BANK"],
            Add: [new("2026-07-15", "Foundation day", "창립기념일")], Remove: ["2026-05-01"]), "bank calendar");
        var page = await ConsolePages.SignInAsync(_chromium.Browser, _server, "ko-KR");

        await page.GotoAsync("/#/calendars/HANA-BANK/2026-7");
        await page.WaitForSelectorAsync("#month .day[data-date='2026-07-15']");
        Assert.Contains("창립기념일", await page.InnerTextAsync("#month .day[data-date='2026-07-15']"), StringComparison.Ordinal);
        Assert.Contains("KR-BANK 기반 기관 달력", await page.InnerTextAsync("option[value='HANA-BANK']"), StringComparison.Ordinal);
        var definition = await page.InnerTextAsync("#definition");
        Assert.Contains("KR-BANK", definition, StringComparison.Ordinal);
        Assert.Contains("2026-05-01", definition, StringComparison.Ordinal);
        Assert.Contains("bank calendar", definition, StringComparison.Ordinal);

        await page.GotoAsync("/#/calendars/KR/2026-7");
        await page.WaitForSelectorAsync("#month .day[data-date='2026-07-17']");
        Assert.Equal(0, await page.Locator("#definition").CountAsync());
    }
}
