using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Server.Tests;

/// <summary>A real HTTP server on a loopback port that keeps every request it gets: a webhook or an OTLP collector.</summary>
public sealed class RecordingReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecordingReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<(string Path, byte[] Body)> Requests { get; } = new();

    /// <summary>Answer with this status (200 unless set).</summary>
    public int Status { get; set; } = 200;

    public static async Task<RecordingReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        RecordingReceiver? receiver = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver!.Requests.Enqueue((context.Request.Path.Value ?? "/", body.ToArray()));
            context.Response.StatusCode = receiver.Status;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new RecordingReceiver(app, new Uri(address + "/"));
        return receiver;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the requests so far (10 s at most).</summary>
    public async Task<IReadOnlyList<(string Path, string Body)>> WaitForAsync(Func<IReadOnlyList<(string Path, string Body)>, bool> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            var seen = Requests.Select(r => (r.Path, System.Text.Encoding.UTF8.GetString(r.Body))).ToList();
            if (condition(seen)) return seen;
            await Task.Delay(50);
        }
        throw new TimeoutException($"the receiver got {Requests.Count} request(s), never what was expected: " + string.Join(" | ", Requests.Select(r => System.Text.Encoding.UTF8.GetString(r.Body))));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
