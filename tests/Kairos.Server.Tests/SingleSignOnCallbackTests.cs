using System.Net;
using System.Net.Http.Json;
using Kairos.Client.Contracts;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Server.Access;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests;

/// <summary>Single sign-on at the HTTP level against the real test provider: the start, forged callbacks, and the user records it keeps.</summary>
public sealed class SingleSignOnCallbackTests : IAsyncLifetime
{
    private TestOidcProvider _provider = null!;
    private ServerFixture _server = null!;
    private string _secretFile = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestOidcProvider.StartAsync();
        _secretFile = await TestOidcProvider.WriteSecretFileAsync();
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>(), extraArgs: _provider.KairosArgs(_secretFile));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _provider.DisposeAsync();
        File.Delete(_secretFile);
    }

    private IKairosStore Store => _server.App.Services.GetRequiredService<IKairosStore>();

    private (HttpClient Client, CookieContainer Cookies) Browser()
    {
        var cookies = new CookieContainer();
        return (new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _server.Address }, cookies);
    }

    [Fact]
    public async Task Sso_Configured_NamesTheProviderForTheButton()
    {
        var (browser, _) = Browser();
        using (browser)
        {
            var sso = await browser.GetFromJsonAsync<Dictionary<string, object>>("api/auth/sso");
            Assert.Equal("True", sso!["enabled"].ToString());
            Assert.Equal("Test IdP", sso["displayName"].ToString());
        }
    }

    [Fact]
    public async Task Start_PushesTheRequestToTheProvider_SettingOnlyTheHandshakeCookies()
    {
        var (browser, _) = Browser();
        using var _ = browser;
        using var start = await browser.GetAsync("api/auth/sso/start");

        // The provider offers pushed authorization requests, so state, nonce and PKCE challenge never appear in the URL.
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var location = start.Headers.Location!;
        Assert.StartsWith(_provider.Issuer + "auth?", location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(new[] { "client_id", "request_uri" }, query.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", query["request_uri"].ToString(), StringComparison.Ordinal);
        var cookies = start.Headers.GetValues("Set-Cookie").ToList();
        Assert.All(cookies, c => Assert.Matches("^\\.aspnetcore\\.(correlation|openidconnect\\.nonce)\\..*samesite=lax", c.ToLowerInvariant()));
    }

    [Fact]
    public async Task Callback_TamperedState_400PageAudited_NoSession()
    {
        var (browser, cookies) = Browser();
        using var _ = browser;
        var callback = await SignInAtProviderAsync(browser, "kim");
        var query = QueryHelpers.ParseQuery(callback.Query);
        var state = query["state"].ToString();
        var tampered = state[..^6] + (state[^6] == 'A' ? 'B' : 'A') + state[^5..];

        using var answer = await browser.GetAsync(Callback(query, "state", tampered));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("did not complete", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == AccessSchemes.SessionCookie);
        Assert.Null(await Store.Users.GetAsync("kim"));
        var audit = await Store.Audit.ListAsync("user:-", 10);
        Assert.Contains(audit, e => e.Action == "auth.login-failed" && e.Detail!.StartsWith("Test IdP: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callback_ForgedCodeOrNoParameters_400NotAServerError()
    {
        var (browser, cookies) = Browser();
        using var _ = browser;
        var query = QueryHelpers.ParseQuery((await SignInAtProviderAsync(browser, "kim")).Query);

        // The state is genuine, so the handler asks the provider's token endpoint, which refuses the made-up code.
        using var forgedCode = await browser.GetAsync(Callback(query, "code", "made-up"));
        using var bare = await browser.GetAsync("api/auth/sso/callback");
        using var providerError = await browser.GetAsync("api/auth/sso/callback?error=access_denied&state=x");

        Assert.All(new[] { forgedCode, bare, providerError }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == AccessSchemes.SessionCookie);
    }

    [Fact]
    public async Task Callback_Genuine_SessionLikeAPasswordOne_MeAndCsrfWork()
    {
        var (browser, cookies) = Browser();
        using var _ = browser;
        var callback = await SignInAtProviderAsync(browser, "park");

        using var answer = await browser.GetAsync(callback);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location!.ToString());
        Assert.Contains(cookies.GetAllCookies(), c => c.Name == AccessSchemes.SessionCookie);
        var me = (await browser.GetFromJsonAsync<MeDto>("api/auth/me"))!;
        Assert.Equal(("park", "admin", "session"), (me.Name, me.Role, me.Via));
        Assert.NotNull(me.CsrfToken);
    }

    [Fact]
    public async Task Callback_KnownUserNoLongerInAMappedGroup_403Page_UserDisabledSoTokensStop()
    {
        // lee signed in once while in an operator group, and made a token; the provider now puts lee only in "marketing".
        await SingleSignOnUsers.UpsertAsync(Store.Users, "lee", new SingleSignOnGrant(Role.Operator, []), DateTimeOffset.UtcNow);
        var secret = ApiTokens.NewSecret();
        await Store.Users.AddTokenAsync(new ApiTokenRecord(0, "lee", "cli", ApiTokens.Hash(secret), DateTimeOffset.UtcNow, null, null));
        var (browser, cookies) = Browser();
        using var _ = browser;

        using var answer = await browser.GetAsync(await SignInAtProviderAsync(browser, "lee"));

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("in no group that gives a role in Kairos", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == AccessSchemes.SessionCookie);
        Assert.True((await Store.Users.GetAsync("lee"))!.Disabled);
        using var byToken = await _server.ClientAsAsync(null);
        byToken.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await byToken.GetAsync("api/auth/me")).StatusCode);
        var audit = await Store.Audit.ListAsync("user:lee", 10);
        Assert.Contains(audit, e => e.Action == "user.change" && e.After!.Contains("disabled=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upsert_LocalUserOfTheSameName_NeverTakenOver()
    {
        var before = await Store.Users.GetAsync("tester");
        var (user, refusal) = await SingleSignOnUsers.UpsertAsync(Store.Users, "tester", new SingleSignOnGrant(Role.Viewer, []), DateTimeOffset.UtcNow);
        Assert.Null(user);
        Assert.Equal(SingleSignOnRefusal.NameTakenByLocalUser, refusal);
        Assert.Equal(before, await Store.Users.GetAsync("tester"));
    }

    [Fact]
    public async Task Upsert_ChangedGroups_RefreshRoleAndOwners_DisabledUserRefused()
    {
        var now = DateTimeOffset.UtcNow;
        var (first, _) = await SingleSignOnUsers.UpsertAsync(Store.Users, "choi@bank.example", new SingleSignOnGrant(Role.Operator, ["fx"]), now);
        var (second, _) = await SingleSignOnUsers.UpsertAsync(Store.Users, "choi@bank.example", new SingleSignOnGrant(Role.Viewer, []), now.AddMinutes(1));
        Assert.Equal((Role.Operator, Role.Viewer), (first!.Role, second!.Role));
        var stored = (await Store.Users.GetAsync("choi@bank.example"))!;
        Assert.Equal((Role.Viewer, 0, SingleSignOnUsers.NoPassword), (stored.Role, stored.Owners.Count, stored.PasswordHash));

        await Store.Users.UpdateAsync(stored with { Disabled = true });
        var (disabled, refusal) = await SingleSignOnUsers.UpsertAsync(Store.Users, "choi@bank.example", new SingleSignOnGrant(Role.Admin, []), now.AddMinutes(2));
        Assert.Null(disabled);
        Assert.Equal(SingleSignOnRefusal.Disabled, refusal);
        Assert.Equal(Role.Viewer, (await Store.Users.GetAsync("choi@bank.example"))!.Role);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-starts-with-dash")]
    public async Task Upsert_NameKairosCannotUse_RefusedAndNothingStored(string name)
    {
        var (user, refusal) = await SingleSignOnUsers.UpsertAsync(Store.Users, name, new SingleSignOnGrant(Role.Viewer, []), DateTimeOffset.UtcNow);
        Assert.Null(user);
        Assert.Equal(SingleSignOnRefusal.NameInvalid, refusal);
    }

    [Fact]
    public async Task PasswordSignIn_ExternalUser_RefusedLikeAWrongPassword()
    {
        await SingleSignOnUsers.UpsertAsync(Store.Users, "yoon", new SingleSignOnGrant(Role.Admin, []), DateTimeOffset.UtcNow);
        var (browser, _) = Browser();
        using var _ = browser;
        foreach (var password in new[] { SingleSignOnUsers.NoPassword, "", "any password at all" })
        {
            using var signIn = await browser.PostAsJsonAsync("api/auth/login", new SignInRequest("yoon", password));
            Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        }
    }

    [Fact]
    public async Task Sso_NotConfigured_SaysSo_AndStartIsNotFound()
    {
        await using var plain = await ServerFixture.StartAsync(new Dictionary<string, string>());
        using var anonymous = await plain.ClientAsAsync(null);
        Assert.Equal("False", (await anonymous.GetFromJsonAsync<Dictionary<string, object>>("api/auth/sso"))!["enabled"].ToString());
        using var start = await anonymous.GetAsync("api/auth/sso/start");
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
    }

    [Fact]
    public async Task Callback_FailuresFromOneAddress_LimitedLikePasswordSignIns_SoTheAuditLogCannotBeFlooded()
    {
        var args = _provider.KairosArgs(_secretFile);
        args[Array.IndexOf(args, "--Kairos:Access:SignInAttemptsPerMinute") + 1] = "2";
        await using var server = await ServerFixture.StartAsync(new Dictionary<string, string>(), extraArgs: args);
        using var anonymous = await server.ClientAsAsync(null);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) answers.Add((await anonymous.GetAsync("api/auth/sso/callback?code=x&state=y")).StatusCode);

        Assert.Equal(new[] { HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests }, answers);
        var failures = await server.App.Services.GetRequiredService<IKairosStore>().Audit.ListAsync("user:-", 10);
        Assert.Equal(2, failures.Count(e => e.Action == "auth.login-failed"));
    }

    [Fact]
    public async Task Start_ProviderUnreachable_503PageNotAServerError()
    {
        // A loopback port nobody listens on: the connection is refused at once.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var args = _provider.KairosArgs(_secretFile);
        args[Array.IndexOf(args, "--Kairos:Access:OpenIdConnect:Authority") + 1] = $"http://127.0.0.1:{port}/";
        await using var server = await ServerFixture.StartAsync(new Dictionary<string, string>(), extraArgs: args);
        using var anonymous = await server.ClientAsAsync(null);

        using var start = await anonymous.GetAsync("api/auth/sso/start");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, start.StatusCode);
        Assert.Contains("Test IdP cannot be reached now", await start.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Walks a browser's way from Kairos's start through the provider's login form, and returns the callback URL the
    /// provider sends the browser back to, without following it.
    /// </summary>
    private async Task<Uri> SignInAtProviderAsync(HttpClient browser, string user)
    {
        var next = new Uri(_server.Address, "api/auth/sso/start");
        var steps = new List<string>();
        for (var step = 0; step < 10; step++)
        {
            if (next.AbsolutePath == SingleSignOnSetup.CallbackPath) return next;
            using var response = await browser.GetAsync(next);
            steps.Add($"{next} → {(int)response.StatusCode} {response.Headers.Location}");
            if (response.StatusCode == HttpStatusCode.OK && next.AbsolutePath.StartsWith("/interaction/", StringComparison.Ordinal))
            {
                using var login = await browser.PostAsync(new Uri(next, next.AbsolutePath + "/login"), new FormUrlEncodedContent(
                    new Dictionary<string, string> { ["username"] = user, ["password"] = TestOidcProvider.Password }));
                next = new Uri(next, login.Headers.Location ?? throw new InvalidOperationException($"the provider's login answered {login.StatusCode}"));
                continue;
            }
            next = new Uri(next, response.Headers.Location ?? throw new InvalidOperationException($"{next} answered {response.StatusCode} without a redirect"));
        }
        throw new InvalidOperationException("the provider never sent the browser back: " + string.Join(Environment.NewLine, steps));
    }

    private static string Callback(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query, string replace, string value) =>
        QueryHelpers.AddQueryString("api/auth/sso/callback", query.Select(p => KeyValuePair.Create(p.Key, (string?)(p.Key == replace ? value : p.Value.ToString()))));
}
