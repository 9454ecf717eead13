using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kairos.Client;
using Kairos.Client.Contracts;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests;

/// <summary>Sessions, CSRF, tokens, owner scope and sign-in limits against a real server.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new Dictionary<string, string>
    {
        ["settle.yaml"] = "id: settle\nowner: settlement\nschedule: { cron: '0 9 * * *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n",
        ["fx.yaml"] = "id: fx\nowner: treasury\nschedule: { cron: '0 10 * * *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n",
    }, extraArgs: ["--Kairos:Access:SignInAttemptsPerMinute", "4"]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IKairosStore Store => _server.App.Services.GetRequiredService<IKairosStore>();

    private HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = _server.Address };

    [Fact]
    public async Task Session_WriteWithoutCsrfToken_RefusedAndNothingChanges_WithTokenAccepted_SignOutEndsIt()
    {
        using var browser = Browser();
        var signIn = await browser.PostAsJsonAsync("api/auth/login", new SignInRequest("tester", ServerFixture.AdminPassword));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("kairos.session=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
        var me = (await signIn.Content.ReadFromJsonAsync<MeDto>())!;
        Assert.Equal(("tester", "admin", "session"), (me.Name, me.Role, me.Via));

        var forged = await browser.PostAsJsonAsync("api/jobs/settle/hold", new ActionRequest("forged"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("csrf", (await forged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.False((await _server.Client.GetJobAsync("settle")).Held);

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/jobs/settle/hold") { Content = JsonContent.Create(new ActionRequest("month-end")) };
        request.Headers.Add("X-CSRF-Token", me.CsrfToken);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(request)).StatusCode);
        Assert.True((await _server.Client.GetJobAsync("settle")).Held);
        var entry = (await Store.Audit.ListAsync("job:settle", 10)).First(e => e.Action == "job.hold");
        Assert.Equal(("tester", "127.0.0.1 console", "released", "held", "month-end"), (entry.Actor, entry.Source, entry.Before, entry.After, entry.Reason));

        using var signOut = new HttpRequestMessage(HttpMethod.Post, "api/auth/logout");
        signOut.Headers.Add("X-CSRF-Token", me.CsrfToken);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(signOut)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("api/jobs")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongPasswordAndUnknownUser_LookAlike_AreAudited_ThenRateLimited()
    {
        using var browser = Browser();
        var wrong = await browser.PostAsJsonAsync("api/auth/login", new SignInRequest("tester", "not the password"));
        var unknown = await browser.PostAsJsonAsync("api/auth/login", new SignInRequest("nobody", "not the password"));
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (wrong.StatusCode, unknown.StatusCode));
        Assert.Equal(await wrong.Content.ReadFromJsonAsync<JsonElement>() is var w ? w.GetProperty("detail").GetString() : null,
            (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(2, (await Store.Audit.ListAsync(null, 100)).Count(e => e.Action == "auth.login-failed"));

        // The limit is 4 a minute per address: two more, then 429 even with the right password.
        await browser.PostAsJsonAsync("api/auth/login", new SignInRequest("tester", "again wrong"));
        await browser.PostAsJsonAsync("api/auth/login", new SignInRequest("tester", "again wrong"));
        var limited = await browser.PostAsJsonAsync("api/auth/login", new SignInRequest("tester", ServerFixture.AdminPassword));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task ScopedOperator_ActsOnlyOnOwnJobs_AndTheRefusalIsAudited()
    {
        using var scoped = await _server.ClientAsAsync(Role.Operator, "settlement");
        var client = new KairosClient(scoped);
        Assert.True((await client.HoldAsync("settle", "settlement freeze")).Held);
        var refused = await Assert.ThrowsAsync<KairosApiException>(() => client.HoldAsync("fx", "not mine"));
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (refused.Status, refused.Code));
        Assert.Contains("treasury", refused.Message, StringComparison.Ordinal);
        Assert.False((await _server.Client.GetJobAsync("fx")).Held);
        Assert.Equal(2, (await client.ListJobsAsync()).Count); // reading is not scoped
        var audit = await Store.Audit.ListAsync("/api/jobs/fx/hold", 10);
        Assert.Equal(("operator-settlement", "http.post"), (audit.Single().Actor, audit.Single().Action));
        Assert.Contains("403", audit.Single().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_RevokedOrUserDisabled_StopWorkingAtOnce_StoredOnlyAsHash()
    {
        using var anonymous = await _server.ClientAsAsync(null);
        var created = await new KairosClient(anonymous).CreateTokenAsync(new TokenRequest("tester", ServerFixture.AdminPassword, "laptop", 1));
        Assert.StartsWith("kairos_", created.Token, StringComparison.Ordinal);
        Assert.DoesNotContain(await Store.Users.TokensAsync("tester"), t => t.Hash.Contains(created.Token, StringComparison.Ordinal));
        Assert.NotEqual(ServerFixture.AdminPassword, (await Store.Users.GetAsync("tester"))!.PasswordHash);

        using var laptop = new HttpClient { BaseAddress = _server.Address };
        laptop.DefaultRequestHeaders.Authorization = new("Bearer", created.Token);
        Assert.Equal("tester", (await new KairosClient(laptop).MeAsync()).Name);
        await new KairosClient(laptop).RevokeTokenAsync(created.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("api/jobs")).StatusCode);

        using var viewer = await _server.ClientAsAsync(Role.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("api/jobs")).StatusCode);
        await _server.Client.PatchUserAsync("viewer-", new UserChangeRequest(Disabled: true));
        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("api/jobs")).StatusCode);
    }

    [Fact]
    public async Task Users_WeakPasswordRefused_LastAdminCannotBeDemoted()
    {
        var weak = await _server.Http.PostAsJsonAsync("api/users", new NewUserRequest("kim", "operator", "short"));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Null(await Store.Users.GetAsync("kim"));
        Assert.Equal(HttpStatusCode.Created, (await _server.Http.PostAsJsonAsync("api/users", new NewUserRequest("kim", "operator", "a long enough secret", ["settlement"]))).StatusCode);
        Assert.Equal(["settlement"], (await Store.Users.GetAsync("kim"))!.Owners);

        var demote = await _server.Http.PatchAsJsonAsync("api/users/tester", new UserChangeRequest(Role: "viewer"));
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal(Role.Admin, (await Store.Users.GetAsync("tester"))!.Role);
        var change = (await Store.Audit.ListAsync("user:kim", 10)).Single();
        Assert.DoesNotContain("a long enough secret", change.After ?? "", StringComparison.Ordinal);
    }
}
