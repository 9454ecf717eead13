using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests;

/// <summary>
/// Behind an ingress: X-Forwarded-* is believed from the named proxies only. These servers run with secure cookies and
/// a sign-in limit of 2 a minute; the test client on 127.0.0.1 plays the proxy.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static Task<ServerFixture> StartBehindAsync(string knownProxy) => ServerFixture.StartAsync(new Dictionary<string, string>(),
        extraArgs: ["--Kairos:Access:KnownProxies:0", knownProxy, "--Kairos:Access:SecureCookies", "true", "--Kairos:Access:SignInAttemptsPerMinute", "2"]);

    [Fact]
    public async Task KnownProxy_HttpsSignInWorksWithSecureCookies_AndEachClientHasItsOwnLimit()
    {
        await using var server = await StartBehindAsync("127.0.0.1");
        using var proxy = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = server.Address };

        var signIn = await SendAsync(proxy, "203.0.113.7", "https", "tester", ServerFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("kairos.session=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        using var me = new HttpRequestMessage(HttpMethod.Get, "api/auth/me");
        me.Headers.Add("Cookie", session.Split(';')[0]);
        me.Headers.Add("X-Forwarded-Proto", "https");
        Assert.Equal(HttpStatusCode.OK, (await proxy.SendAsync(me)).StatusCode);
        await AssertPlainHttpRefusedAsync(await SendAsync(proxy, "203.0.113.8", "http", "tester", ServerFixture.AdminPassword));

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(proxy, "203.0.113.10", "https", "tester", "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(proxy, "203.0.113.10", "https", "tester", "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SendAsync(proxy, "203.0.113.10", "https", "tester", "wrong")).StatusCode);
        // Another client behind the same proxy is not held back by the first one's attempts.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(proxy, "203.0.113.11", "https", "tester", ServerFixture.AdminPassword)).StatusCode);
        var failed = (await server.App.Services.GetRequiredService<IKairosStore>().Audit.ListAsync("user:tester", 20)).First(e => e.Action == "auth.login-failed");
        Assert.StartsWith("203.0.113.10 ", failed.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownProxy_ItsForwardedHeadersAreIgnored()
    {
        await using var server = await StartBehindAsync("10.9.9.9");
        using var stranger = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = server.Address };

        await AssertPlainHttpRefusedAsync(await SendAsync(stranger, "203.0.113.20", "https", "tester", ServerFixture.AdminPassword));
        // Claiming to forward for someone else does not buy a fresh limit.
        await AssertPlainHttpRefusedAsync(await SendAsync(stranger, "203.0.113.21", "https", "tester", "wrong"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SendAsync(stranger, "203.0.113.22", "https", "tester", "wrong")).StatusCode);
    }

    private static async Task AssertPlainHttpRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https-required", problem.GetProperty("code").GetString());
        Assert.Contains("KnownProxies", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient proxy, string client, string proto, string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/login") { Content = JsonContent.Create(new SignInRequest(user, password)) };
        request.Headers.Add("X-Forwarded-For", client);
        request.Headers.Add("X-Forwarded-Proto", proto);
        return proxy.SendAsync(request);
    }
}
