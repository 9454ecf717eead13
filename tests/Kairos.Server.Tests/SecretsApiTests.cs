using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kairos.Client.Contracts;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests;

/// <summary>
/// Credentials in job definitions, the audit log and run logs, seen by a viewer and by an admin of a real server, and
/// secret references resolved by real processes.
/// </summary>
public sealed class SecretsApiTests : IAsyncLifetime
{
    private readonly string _variable = "KAIROS_API_TEST_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _secretFile = Path.Combine(Path.GetTempPath(), "kairos-api-secret-" + Guid.NewGuid().ToString("N"));
    private ServerFixture _server = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_variable, "env-value-5501");
        await File.WriteAllTextAsync(_secretFile, "file-value-8802\n");
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            ["partner.yaml"] = """
                id: partner
                action:
                  http:
                    url: "https://partner.example/v1/rates?apikey=abc123xyz&base=USD"
                    headers: { Authorization: "Bearer tok-998877", X-Team: fx, X-Api-Key: "${env:PARTNER_KEY}" }
                """,
            ["batch.yaml"] = "id: batch\naction: { command: { argv: [echo, --password, pw-771199], env: { DB_PASSWORD: hunter2-pw, REGION: kr } } }\n",
            ["echo-secrets.yaml"] = $"id: echo-secrets\naction: {{ command: {{ argv: [sh, -c, 'echo \"value is $A and $B\"'], env: {{ A: '${{env:{_variable}}}', B: '${{file:{_secretFile}}}' }} }} }}\n",
            ["needs-secret.yaml"] = "id: needs-secret\naction: { command: { argv: [echo, never], env: { A: '${env:KAIROS_API_TEST_NO_SUCH_SECRET}' } } }\n",
            ["fine.yaml"] = "id: fine\naction: { command: { argv: [echo, fine] } }\n",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Environment.SetEnvironmentVariable(_variable, null);
        File.Delete(_secretFile);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task GetJob_Viewer_CredentialsMasked_ReferencesKept()
    {
        using var viewer = await _server.ClientAsAsync(Role.Viewer);
        var http = (await GetJsonAsync(viewer, "api/jobs/partner")).GetProperty("definition").GetProperty("action").GetProperty("http");
        Assert.Equal("https://partner.example/v1/rates?apikey=***&base=USD", http.GetProperty("url").GetString());
        Assert.Equal("***", http.GetProperty("headers").GetProperty("Authorization").GetString());
        Assert.Equal("fx", http.GetProperty("headers").GetProperty("X-Team").GetString());
        Assert.Equal("${env:PARTNER_KEY}", http.GetProperty("headers").GetProperty("X-Api-Key").GetString());
        var command = (await GetJsonAsync(viewer, "api/jobs/batch")).GetProperty("definition").GetProperty("action").GetProperty("command");
        Assert.Equal(["echo", "--password", "***"], command.GetProperty("argv").EnumerateArray().Select(a => a.GetString()));
        var env = command.GetProperty("env");
        Assert.Equal("***", env.GetProperty("DB_PASSWORD").GetString());
        Assert.Equal("kr", env.GetProperty("REGION").GetString());
        var list = await viewer.GetStringAsync(new Uri("api/jobs", UriKind.Relative));
        Assert.DoesNotContain("abc123xyz", list, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-998877", list, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-pw", list, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-771199", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJob_Admin_SeesTheStoredDefinition()
    {
        var partner = await _server.Client.GetJobAsync("partner");
        Assert.Equal("https://partner.example/v1/rates?apikey=abc123xyz&base=USD", partner.Definition.Action!.Http!.Url);
        Assert.Equal("Bearer tok-998877", partner.Definition.Action.Http.Headers!["Authorization"]);
        Assert.Equal("hunter2-pw", (await _server.Client.GetJobAsync("batch")).Definition.Action!.Command!.Env!["DB_PASSWORD"]);
    }

    [Fact]
    public async Task Audit_JobCreatedThroughTheApi_ViewerSeesItsDefinitionMasked_AdminWhole()
    {
        await _server.Client.PutJobAsync(new JobDefinition
        {
            Id = "api-partner",
            Action = new ActionDefinition { Http = new HttpDefinition { Url = "https://p.example/x?token=tt-4455", Headers = new() { ["Authorization"] = "Basic dXNlcjpwYXNz" } } },
        });
        using var viewer = await _server.ClientAsAsync(Role.Viewer);
        var seen = await viewer.GetStringAsync(new Uri("api/audit?target=job:api-partner", UriKind.Relative));
        Assert.Contains("job.create", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("tt-4455", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("dXNlcjpwYXNz", seen, StringComparison.Ordinal);
        var admin = await _server.Http.GetStringAsync(new Uri("api/audit?target=job:api-partner", UriKind.Relative));
        Assert.Contains("tt-4455", admin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EchoingSecretsFromEnvAndFile_LogMaskedAtWriteForEveryone()
    {
        var run = await _server.Client.TriggerAsync("echo-secrets", reason: "test");
        await _server.WaitForStateAsync(run.RunId, "succeeded");
        var lines = await _server.Client.GetLogsAsync(run.RunId);
        Assert.Contains(lines, l => l.Text == "value is *** and ***");
        var stored = await _server.App.Services.GetRequiredService<IKairosStore>().Logs.ReadAsync(run.RunId, 0, 1000);
        Assert.DoesNotContain(stored, l => l.Text.Contains("-value-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_MissingSecret_FailsNamingTheReference_OtherJobsRun()
    {
        var missing = await _server.Client.TriggerAsync("needs-secret", reason: "test");
        var fine = await _server.Client.TriggerAsync("fine", reason: "test");
        var failed = await _server.WaitForStateAsync(missing.RunId, "failed");
        Assert.Contains("${env:KAIROS_API_TEST_NO_SUCH_SECRET}", failed.Detail, StringComparison.Ordinal);
        await _server.WaitForStateAsync(fine.RunId, "succeeded");
        Assert.DoesNotContain(await _server.Client.GetLogsAsync(missing.RunId), l => l.Text == "never");
    }

    [Fact]
    public async Task Audit_FailedSignIns_ViewerSeesNoReason_AdminSeesIt()
    {
        using var anonymous = await _server.ClientAsAsync(null);
        await anonymous.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative), new SignInRequest("nobody-here", "whatever password"));
        await anonymous.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative), new SignInRequest("tester", "a wrong password"));
        using var viewer = await _server.ClientAsAsync(Role.Viewer);
        var seen = await viewer.GetFromJsonAsync<List<AuditEntry>>(new Uri("api/audit", UriKind.Relative));
        var failures = seen!.Where(e => e.Action == "auth.login-failed").ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, e => Assert.Equal("sign-in failed", e.Detail));
        var admin = await _server.Http.GetFromJsonAsync<List<AuditEntry>>(new Uri("api/audit", UriKind.Relative));
        Assert.Equal(["unknown user", "wrong password"], admin!.Where(e => e.Action == "auth.login-failed").Select(e => e.Detail).Order());
    }
}
