using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Kairos.Executors.Tests;

/// <summary>Secret references read at run time from a real file and the real environment, in real processes and requests.</summary>
public sealed class SecretReferenceExecutionTests : IAsyncLifetime
{
    private readonly TestJournal _journal = new();
    private readonly string _secrets = Path.Combine(Path.GetTempPath(), "kairos-secret-tests", Guid.NewGuid().ToString("N"));
    private readonly string _variable = "KAIROS_TEST_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly HttpClient _http = new();
    private WebApplication _app = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_secrets, "partner"));
        await File.WriteAllTextAsync(Path.Combine(_secrets, "partner", "token"), "file-secret-7731\n");
        Environment.SetEnvironmentVariable(_variable, "env-secret-4410");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/whoami", (HttpRequest r) => $"auth={r.Headers.Authorization} key={r.Query["apikey"]}");
        await _app.StartAsync();
        _base = new Uri(_app.Services.GetService(typeof(IServer)) is IServer server ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First() : "");
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        await _app.DisposeAsync();
        _http.Dispose();
        _journal.Dispose();
        if (Directory.Exists(_secrets)) Directory.Delete(_secrets, recursive: true);
    }

    private CommandExecutor Commands() => _journal.Executor(secrets: new LocalSecretSource(_secrets));

    [Fact]
    public async Task Command_EnvAndFileReferences_ReachTheProcessAndAreMaskedInItsOutput()
    {
        var output = new CapturedOutput();
        var action = new CommandAction(["sh", "-c", "echo \"env=$A file=$B secret=$C\""], null, new Dictionary<string, string>
        {
            ["A"] = $"${{env:{_variable}}}",
            ["B"] = $"${{file:{Path.Combine(_secrets, "partner", "token")}}}",
            ["C"] = "${secret:partner/token}",
        });
        var outcome = await Commands().ExecuteAsync(CapturedOutput.Context(action, output));
        Assert.True(outcome.Succeeded, outcome.Detail);
        Assert.Equal("env=*** file=*** secret=***", output.Text(LogStream.Stdout));
    }

    [Fact]
    public async Task Command_MissingReference_FailsNamingItWithoutStarting()
    {
        var output = new CapturedOutput();
        var action = new CommandAction(["sh", "-c", "touch started"], _secrets, new Dictionary<string, string> { ["A"] = "${env:KAIROS_TEST_NO_SUCH_SECRET}" });
        var outcome = await Commands().ExecuteAsync(CapturedOutput.Context(action, output));
        Assert.False(outcome.Succeeded);
        Assert.Contains("${env:KAIROS_TEST_NO_SUCH_SECRET}", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("${env:KAIROS_TEST_NO_SUCH_SECRET}", output.Text(LogStream.System), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_secrets, "started")));
    }

    [Fact]
    public async Task Http_ReferencesInHeaderAndUrl_SentAndMaskedInTheLog()
    {
        var output = new CapturedOutput();
        var action = new HttpAction("GET", new Uri(_base, $"/whoami?apikey=${{env:{_variable}}}"),
            new Dictionary<string, string> { ["Authorization"] = "Bearer ${secret:partner/token}" }, null, []);
        var outcome = await new HttpExecutor(_http, secrets: new LocalSecretSource(_secrets)).ExecuteAsync(CapturedOutput.Context(action, output));
        Assert.True(outcome.Succeeded, outcome.Detail);
        var log = string.Join("\n", output.Lines.Select(l => l.Line));
        Assert.Contains("auth=Bearer *** key=***", log, StringComparison.Ordinal);
        Assert.Contains($"apikey=${{env:{_variable}}}", log, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_MissingFile_FailsWithoutCalling()
    {
        var output = new CapturedOutput();
        var action = new HttpAction("GET", new Uri(_base, "/whoami"), new Dictionary<string, string> { ["X-Api-Key"] = "${secret:partner/absent}" }, null, []);
        var outcome = await new HttpExecutor(_http, secrets: new LocalSecretSource(_secrets)).ExecuteAsync(CapturedOutput.Context(action, output));
        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.HttpStatus);
        Assert.Contains("${secret:partner/absent}", outcome.Detail, StringComparison.Ordinal);
    }
}
