using Kairos.Client;
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
    private ServerFixture(WebApplication app, string jobs, Uri address)
    {
        App = app;
        JobsFolder = jobs;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
        Http.DefaultRequestHeaders.Add("X-Kairos-Actor", "tester");
        Client = new KairosClient(Http);
    }

    public WebApplication App { get; }
    public string JobsFolder { get; }
    public Uri Address { get; }
    public HttpClient Http { get; }
    public KairosClient Client { get; }

    public static async Task<ServerFixture> StartAsync(IReadOnlyDictionary<string, string> jobFiles, string? dataFolder = null, string? postgres = null, string? jobsFolder = null, string node = "test-node")
    {
        var jobs = jobsFolder ?? Path.Combine(Path.GetDirectoryName(TestServers.NewSqlitePath())!, "jobs");
        Directory.CreateDirectory(jobs);
        foreach (var (name, text) in jobFiles) await File.WriteAllTextAsync(Path.Combine(jobs, name), text);
        var args = new List<string> { "--url", "http://127.0.0.1:0", "--jobs", jobs, "--data", dataFolder ?? Path.GetDirectoryName(jobs)!, "--node", node };
        if (postgres is not null) args.AddRange(["--postgres", postgres]);
        var app = KairosServer.Build([.. args], b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServerFixture(app, jobs, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
