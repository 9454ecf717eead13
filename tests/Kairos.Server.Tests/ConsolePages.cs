using Kairos.Testing;
using Microsoft.Playwright;

namespace Kairos.Server.Tests;

/// <summary>The console in Chromium as the fixture's admin, and screenshots kept as test artifacts (artifacts/screenshots).</summary>
internal static class ConsolePages
{
    public static async Task<IPage> SignInAsync(IBrowser browser, ServerFixture server, string locale, int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, BaseURL = server.Address.ToString(), ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => throw new InvalidOperationException($"a script ran and opened a dialog: {dialog.Message}");
        await page.GotoAsync("/");
        await page.FillAsync("input[name=user]", "tester");
        await page.FillAsync("input[name=password]", ServerFixture.AdminPassword);
        await page.ClickAsync("form.login button[type=submit]");
        await page.WaitForSelectorAsync("#nav:not([hidden])");
        return page;
    }

    public static Task ShotAsync(IPage page, string name)
    {
        var folder = Path.Combine(TestServers.RepoRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
