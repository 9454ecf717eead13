using Kairos.Client;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Server.Access;
using Kairos.Server.Hosting;
using Kairos.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Server.Tests;

/// <summary>A real Kairos server on a loopback port with its own job folder and SQLite file (or a given PostgreSQL).</summary>
public sealed class ServerFixture : IAsyncDisposable
{
    public const string AdminPassword = "tester password 1";

    private ServerFixture(WebApplication app, string jobs, Uri address)
    {
        App = app;
        JobsFolder = jobs;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
        Client = new KairosClient(Http);
    }

    public WebApplication App { get; }
    public string JobsFolder { get; }
    public Uri Address { get; }
    public HttpClient Http { get; }
    public KairosClient Client { get; }

    /// <param name="configure">Changes to the server's services before it is built, such as a <see cref="ManualClock"/> as its TimeProvider.</param>
    public static async Task<ServerFixture> StartAsync(IReadOnlyDictionary<string, string> jobFiles, string? dataFolder = null, string? postgres = null, string? jobsFolder = null, string node = "test-node",
        Action<WebApplicationBuilder>? configure = null, params string[] extraArgs)
    {
        var jobs = jobsFolder ?? Path.Combine(Path.GetDirectoryName(TestServers.NewSqlitePath())!, "jobs");
        Directory.CreateDirectory(jobs);
        foreach (var (name, text) in jobFiles) await File.WriteAllTextAsync(Path.Combine(jobs, name), text);
        var args = new List<string> { "--url", "http://127.0.0.1:0", "--jobs", jobs, "--data", dataFolder ?? Path.GetDirectoryName(jobs)!, "--node", node };
        if (postgres is not null) args.AddRange(["--postgres", postgres, "--Kairos:Access:KeyProtection:Secret", TestServers.SessionKeySecret]);
        args.AddRange(extraArgs);
        var app = KairosServer.Build([.. args], b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            configure?.Invoke(b);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var fixture = new ServerFixture(app, jobs, new Uri(address + "/"));
        fixture.Http.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.TokenForAsync("tester", Role.Admin));
        return fixture;
    }

    /// <summary>A user with the role (made on first use, with <see cref="AdminPassword"/>) and a fresh API token for them.</summary>
    public async Task<string> TokenForAsync(string user, Role role, params string[] owners)
    {
        var store = App.Services.GetRequiredService<IKairosStore>();
        var now = DateTimeOffset.UtcNow;
        await store.Users.AddAsync(new UserRecord(user, role, Passwords.Hash(user, AdminPassword), owners, false, now, now));
        var secret = ApiTokens.NewSecret();
        await store.Users.AddTokenAsync(new ApiTokenRecord(0, user, "test", ApiTokens.Hash(secret), now, null, null));
        return secret;
    }

    /// <summary>A client signed in with a token of a user with the role; null role: anonymous.</summary>
    public async Task<HttpClient> ClientAsAsync(Role? role, params string[] owners)
    {
        // No cookies: a client that signs in through the API must not turn into a session for later requests.
        var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Address };
        if (role is { } r) http.DefaultRequestHeaders.Authorization = new("Bearer", await TokenForAsync($"{r.ToWire()}-{string.Join('-', owners)}", r, owners));
        return http;
    }

    /// <summary>Polls a run until it reaches <paramref name="state"/> (10 s at most).</summary>
    public async Task<Kairos.Client.Contracts.RunDto> WaitForStateAsync(long id, string state)
    {
        Kairos.Client.Contracts.RunDto run = null!;
        for (var i = 0; i < 200; i++)
        {
            run = await Client.GetRunAsync(id);
            if (run.State == state) return run;
            await Task.Delay(50);
        }
        throw new TimeoutException($"run {id} is {run.State}, never {state}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
