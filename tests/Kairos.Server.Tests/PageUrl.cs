using Microsoft.Playwright;

namespace Kairos.Server.Tests;

/// <summary>
/// Waits for a page's address, read from the navigation events Playwright has already received. Playwright's own
/// WaitForURLAsync, when the address already matches, goes on to wait for a load state; after the cross-origin
/// redirect chain of a sign-in at the identity provider, it twice never saw that state under load, though the
/// navigation and the page's "load" were in the browser log.
/// </summary>
internal static class PageUrl
{
    public static async Task WaitAsync(IPage page, Func<string, bool> matches, string expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!matches(page.Url))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the page stayed at {page.Url}; expected {expected}");
            await Task.Delay(50);
        }
    }
}
