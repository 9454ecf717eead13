using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kairos.Client.Contracts;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests;

/// <summary>Sessions kept in the store: they end at sign-out, at SessionMax however active, and when the password changes.</summary>
public sealed class SessionTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly List<HttpClient> _clients = [];
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new Dictionary<string, string>(),
        configure: b => b.Services.AddSingleton<TimeProvider>(_clock),
        extraArgs: ["--Kairos:Access:SessionIdle", "00:10:00", "--Kairos:Access:SessionMax", "00:30:00", "--Kairos:Access:SignInAttemptsPerMinute", "100",
            "--Kairos:Access:AllowNonExpiringTokens", "true"]);

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        await _server.DisposeAsync();
    }

    private IKairosStore Store => _server.App.Services.GetRequiredService<IKairosStore>();

    [Fact]
    public async Task SignOut_TheOldCookieReplayed_IsRefused()
    {
        var (_, cookies, csrf) = await SignInAsync("tester");
        using var replay = CookieClient(cookies);
        Assert.Equal(HttpStatusCode.OK, (await replay.GetAsync("api/jobs")).StatusCode);

        using var signOut = new HttpRequestMessage(HttpMethod.Post, "api/auth/logout");
        signOut.Headers.Add("X-CSRF-Token", csrf);
        Assert.Equal(HttpStatusCode.NoContent, (await replay.SendAsync(signOut)).StatusCode);
        // A copy of the cookie kept from before sign-out (a shared machine, a proxy log) no longer works.
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync("api/jobs")).StatusCode);
    }

    [Fact]
    public async Task Session_UsedEveryFewMinutes_EndsAtSessionMax_AndIdleEndsItSooner()
    {
        // A browser: it takes every renewed cookie the server sends.
        var (busy, _, _) = await SignInAsync("tester");
        for (var minute = 4; minute <= 28; minute += 4)
        {
            _clock.Advance(TimeSpan.FromMinutes(4));
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("api/jobs")).StatusCode);
        }
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.Unauthorized, (await busy.GetAsync("api/jobs")).StatusCode);

        var (idle, _, _) = await SignInAsync("tester");
        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.Unauthorized, (await idle.GetAsync("api/jobs")).StatusCode);
    }

    [Fact]
    public async Task PasswordChange_EndsEverySessionAndRevokesEveryToken_AndSaysHowManyInTheAudit()
    {
        var token = await _server.TokenForAsync("kim", Role.Operator);
        var (_, cookies, _) = await SignInAsync("kim");
        using var session = CookieClient(cookies);
        using var tokenClient = new HttpClient { BaseAddress = _server.Address };
        tokenClient.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tokenClient.GetAsync("api/jobs")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _server.Http.PatchAsJsonAsync("api/users/kim", new UserChangeRequest(Password: "a brand new secret"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tokenClient.GetAsync("api/jobs")).StatusCode);
        var change = (await Store.Audit.ListAsync("user:kim", 10)).First(e => e.Action == "user.change");
        Assert.Equal(("tester", "password changed; 1 session(s) ended, 1 token(s) revoked"), (change.Actor, change.Detail));
    }

    [Fact]
    public async Task OwnPasswordChange_NeedsTheCurrentOne_ThenEndsEverySessionAndToken()
    {
        var token = await _server.TokenForAsync("park", Role.Viewer);
        var (_, cookies, csrf) = await SignInAsync("park");
        using var session = CookieClient(cookies);
        using var tokenClient = new HttpClient { BaseAddress = _server.Address };
        tokenClient.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var wrong = await tokenClient.PostAsJsonAsync("api/auth/password", new PasswordChangeRequest("not it", "a brand new secret"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tokenClient.GetAsync("api/jobs")).StatusCode);
        using var change = new HttpRequestMessage(HttpMethod.Post, "api/auth/password") { Content = JsonContent.Create(new PasswordChangeRequest(ServerFixture.AdminPassword, "a brand new secret")) };
        change.Headers.Add("X-CSRF-Token", csrf);
        Assert.Equal(HttpStatusCode.NoContent, (await session.SendAsync(change)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tokenClient.GetAsync("api/jobs")).StatusCode);
        using var anonymous = await _server.ClientAsAsync(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("api/auth/login", new SignInRequest("park", "a brand new secret"))).StatusCode);
        var audit = (await Store.Audit.ListAsync("user:park", 10)).Single(e => e.Action == "user.password");
        Assert.Equal(("park", "password changed; 1 session(s) ended, 1 token(s) revoked"), (audit.Actor, audit.Detail));
    }

    [Fact]
    public async Task Disable_EndsTheSessionInTheStore_EvenBeforeItIsNextUsed()
    {
        await _server.TokenForAsync("lee", Role.Viewer);
        await SignInAsync("lee");
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.PatchAsJsonAsync("api/users/lee", new UserChangeRequest(Disabled: true))).StatusCode);
        var change = (await Store.Audit.ListAsync("user:lee", 10)).First(e => e.Action == "user.change");
        Assert.Equal("1 session(s) ended", change.Detail);
    }

    [Fact]
    public async Task Tokens_AViewerAskingForNeverOrAboveTheCap_Refused_AnAdminMayAskForNeverWhenAllowed()
    {
        using var viewer = await _server.ClientAsAsync(Role.Viewer);
        foreach (var days in new[] { 0, 91, -1, int.MaxValue })
        {
            var refused = await viewer.PostAsJsonAsync("api/auth/tokens", new TokenRequest(ExpiresInDays: days));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("expiresInDays", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        var byDefault = (await (await viewer.PostAsJsonAsync("api/auth/tokens", new TokenRequest())).Content.ReadFromJsonAsync<TokenCreatedDto>())!;
        Assert.Equal(_clock.GetUtcNow().AddDays(90), byDefault.ExpiresAt);
        Assert.Equal(HttpStatusCode.Created, (await viewer.PostAsJsonAsync("api/auth/tokens", new TokenRequest(ExpiresInDays: 90))).StatusCode);

        var forever = await _server.Http.PostAsJsonAsync("api/auth/tokens", new TokenRequest(Label: "nightly export", ExpiresInDays: 0));
        Assert.Equal(HttpStatusCode.Created, forever.StatusCode);
        Assert.Null((await forever.Content.ReadFromJsonAsync<TokenCreatedDto>())!.ExpiresAt);
    }

    /// <summary>Signs in as a browser would; returns the browser, a copy of the cookies it was given, and its CSRF token.</summary>
    private async Task<(HttpClient Browser, string Cookies, string Csrf)> SignInAsync(string user)
    {
        var container = new CookieContainer();
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = container }) { BaseAddress = _server.Address };
        _clients.Add(browser);
        var signIn = await browser.PostAsJsonAsync("api/auth/login", new SignInRequest(user, ServerFixture.AdminPassword));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        return (browser, container.GetCookieHeader(_server.Address), (await signIn.Content.ReadFromJsonAsync<MeDto>())!.CsrfToken!);
    }

    private HttpClient CookieClient(string cookies)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = _server.Address };
        client.DefaultRequestHeaders.Add("Cookie", cookies);
        return client;
    }
}
