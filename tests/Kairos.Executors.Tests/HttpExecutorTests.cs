using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Kairos.Executors.Tests;

/// <summary>Against a real Kestrel server on a loopback port.</summary>
public sealed class HttpExecutorTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private Uri _base = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/echo", async (HttpRequest r) => $"{r.Headers["X-Kairos-Run-Id"]}|{r.Headers["X-Team"]}|{await new StreamReader(r.Body).ReadToEndAsync()}");
        _app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        _app.MapGet("/big", () => new string('x', 10_000));
        await _app.StartAsync();
        _base = new Uri(_app.Services.GetService(typeof(IServer)) is IServer server ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First() : "");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _http.Dispose();
    }

    private HttpAction Action(string method, string path, string? body = null, params int[] success) =>
        new(method, new Uri(_base, path), new Dictionary<string, string> { ["X-Team"] = "fx-{{jobId}}" }, body, success);

    [Fact]
    public async Task Execute_Post_BodyAndHeadersExpanded()
    {
        var output = new CapturedOutput();
        var outcome = await new HttpExecutor(_http).ExecuteAsync(CapturedOutput.Context(Action("POST", "/echo", "{\"date\":\"{{businessDate}}\"}"), output));
        Assert.True(outcome.Succeeded);
        Assert.Equal(200, outcome.HttpStatus);
        Assert.Contains("42|fx-job-a|{\"date\":\"2026-11-23\"}", output.Text(LogStream.Stdout), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(503, new int[0], false)]
    [InlineData(204, new int[0], true)]
    [InlineData(404, new[] { 200, 404 }, true)]
    [InlineData(200, new[] { 201 }, false)]
    public async Task Execute_Status_SuccessPerConfiguredCodes(int status, int[] success, bool expected)
    {
        var outcome = await new HttpExecutor(_http).ExecuteAsync(CapturedOutput.Context(Action("GET", $"/status/{status}", null, success), new()));
        Assert.Equal(expected, outcome.Succeeded);
        Assert.Equal(status, outcome.HttpStatus);
    }

    [Fact]
    public async Task Execute_LargeResponse_Truncated()
    {
        var output = new CapturedOutput();
        await new HttpExecutor(_http).ExecuteAsync(CapturedOutput.Context(Action("GET", "/big"), output));
        var text = output.Text(LogStream.Stdout);
        Assert.Contains("more characters", text, StringComparison.Ordinal);
        Assert.True(text.Length < 5000);
    }

    [Fact]
    public async Task Execute_Unreachable_FailsWithReason()
    {
        var action = new HttpAction("GET", new Uri("http://127.0.0.1:1/"), new Dictionary<string, string>(), null, []);
        var outcome = await new HttpExecutor(_http).ExecuteAsync(CapturedOutput.Context(action, new()));
        Assert.False(outcome.Succeeded);
        Assert.StartsWith("request failed", outcome.Detail, StringComparison.Ordinal);
    }
}
