using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Server.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kairos.Server.Tests;

/// <summary>
/// "Sign in with …" in Debian's Chromium, through the real test provider's login page and back: the console's session,
/// role and owner scope come from the provider's groups, and a user in no mapped group gets a page, not a session.
/// </summary>
public sealed class SingleSignOnBrowserTests : IAsyncLifetime
{
    private TestOidcProvider _provider = null!;
    private ServerFixture _server = null!;
    private string _secretFile = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestOidcProvider.StartAsync();
        _secretFile = await TestOidcProvider.WriteSecretFileAsync();
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            ["report.yaml"] = "id: report\nowner: settlement\nschedule: { cron: '0 9 * * *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n",
        }, extraArgs: _provider.KairosArgs(_secretFile));
        _playwright = await Playwright.CreateAsync();
        _browser = await TestChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
        await _provider.DisposeAsync();
        File.Delete(_secretFile);
    }

    private IKairosStore Store => _server.App.Services.GetRequiredService<IKairosStore>();

    /// <summary>From the console's sign-in page through the provider's login form; returns where the browser ends up.</summary>
    private async Task<(IBrowserContext Context, IPage Page)> SignInAtProviderAsync(string user)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", BaseURL = _server.Address.ToString() });
        var page = await context.NewPageAsync();
        Watch(page);
        await page.GotoAsync("/");
        var button = page.Locator("#sso-sign-in");
        await button.WaitForAsync();
        Assert.Equal("Sign in with Test IdP", await button.InnerTextAsync());
        await button.ClickAsync();
        await page.WaitForSelectorAsync("input[name=username]");
        Assert.StartsWith(_provider.Issuer.ToString(), page.Url, StringComparison.Ordinal);
        await page.FillAsync("input[name=username]", user);
        await page.FillAsync("input[name=password]", TestOidcProvider.Password);
        await page.ClickAsync("#sign-in");
        // Back at Kairos is all this waits for; the callers then wait for what the page shows (see PageUrl for why
        // this is not Playwright's WaitForURLAsync).
        await PageUrl.WaitAsync(page, url => url.StartsWith(_server.Address.ToString(), StringComparison.Ordinal), $"back at {_server.Address}");
        return (context, page);
    }

    // What the browser did, for the message of a test that fails: navigations, answers of 400 and above, failed
    // requests and console errors, in order.
    private readonly List<string> _browserLog = [];

    private void Watch(IPage page)
    {
        void Log(string line) { lock (_browserLog) _browserLog.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {line}"); }
        page.FrameNavigated += (_, f) => { if (f == page.MainFrame) Log($"navigated {f.Url}"); };
        page.Load += (_, _) => Log("load");
        page.Response += (_, r) => { if (r.Status >= 400) Log($"{r.Status} {r.Request.Method} {r.Url}"); };
        page.RequestFailed += (_, r) => Log($"failed {r.Method} {r.Url}: {r.Failure}");
        page.Console += (_, m) => { if (m.Type is "error" or "warning") Log($"console {m.Type}: {m.Text}"); };
    }

    /// <summary>Runs a test's steps; a failure says what the browser did and showed, not just which wait timed out.</summary>
    private async Task WithBrowserLogAsync(Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            string log;
            lock (_browserLog) log = string.Join('\n', _browserLog);
            throw new InvalidOperationException($"{e.Message}\nBrowser log:\n{log}", e);
        }
    }

    [Fact]
    public Task SignInWithProvider_OperatorGroup_ConsoleSessionWithOwners_HoldsAJob_SignsOut() => WithBrowserLogAsync(async () =>
    {
        var (context, page) = await SignInAtProviderAsync("kim");
        await page.WaitForSelectorAsync("#nav:not([hidden])");
        Assert.Equal("kim (operator)", await page.InnerTextAsync("#who"));
        var kim = (await Store.Users.GetAsync("kim"))!;
        Assert.Equal((Role.Operator, "fx,settlement", SingleSignOnUsers.NoPassword), (kim.Role, string.Join(',', kim.Owners), kim.PasswordHash));
        var cookies = (await context.CookiesAsync()).Select(c => c.Name).ToList();
        Assert.Contains("kairos.session", cookies);
        Assert.DoesNotContain(cookies, c => c.StartsWith(".AspNetCore.", StringComparison.Ordinal)); // the handshake's cookies are gone
        var login = (await Store.Audit.ListAsync("user:kim", 10)).Single(e => e.Action == "auth.login");
        Assert.Contains("via Test IdP", login.Detail, StringComparison.Ordinal);

        // A write with the session's CSRF token, on a job of one of kim's owners.
        await page.GotoAsync("/#/jobs/report");
        await page.ClickAsync("#hold");
        await page.WaitForSelectorAsync("dialog#confirm[open]");
        await page.FillAsync("#confirm-reason", "signed in through the provider");
        await page.ClickAsync("#confirm-ok");
        await page.WaitForSelectorAsync("#release");
        var hold = (await Store.Audit.ListAsync("job:report", 10)).Single(e => e.Action == "job.hold");
        Assert.Equal(("kim", "signed in through the provider"), (hold.Actor, hold.Reason));

        await page.ClickAsync("#sign-out");
        await page.WaitForSelectorAsync("form.login");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("form.login");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "kairos.session");
        await context.CloseAsync();
    });

    [Fact]
    public Task SignInWithProvider_NoMappedGroup_RefusedWithAPage_NoSessionNoUser_Audited() => WithBrowserLogAsync(async () =>
    {
        var (context, page) = await SignInAtProviderAsync("lee");
        var message = await page.InnerTextAsync("#sso-message");
        Assert.Contains("in no group that gives a role in Kairos", message, StringComparison.Ordinal);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "kairos.session");
        Assert.Null(await Store.Users.GetAsync("lee"));
        var refused = (await Store.Audit.ListAsync("user:lee", 10)).Single();
        Assert.Equal("auth.login-failed", refused.Action);
        Assert.Equal("Test IdP: in no group mapped to a role (groups: marketing)", refused.Detail);

        // Back to the console: still the sign-in page.
        await page.ClickAsync("a[href='/']");
        await page.WaitForSelectorAsync("form.login");
        await context.CloseAsync();
    });
}
