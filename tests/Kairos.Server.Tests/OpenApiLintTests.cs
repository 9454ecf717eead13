using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Kairos.Server.Tests;

/// <summary>
/// The OpenAPI description Kairos serves, checked by an independent linter (Redocly's CLI under Node, installed from
/// tests/openapi-lint's lock file by scripts/test.sh) with its recommended rules: no errors, and only the warnings listed
/// below as true of Kairos.
/// </summary>
public sealed class OpenApiLintTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new Dictionary<string, string>
    {
        ["report.yaml"] = "id: report\nschedule: { cron: '0 9 * * *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    // Warnings that are true of Kairos, as a rule and where it is found: the project declares no license, whether
    // single sign-on is configured is answered to anyone with no refusal to describe, and the start of single sign-on
    // succeeds with a redirect to the provider, not a 2xx.
    private static readonly (string Rule, string Where)[] AcceptedWarnings =
    [
        ("info-license", "#/info"),
        ("operation-4xx-response", "#/paths/~1api~1auth~1sso/get/responses"),
        ("operation-2xx-response", "#/paths/~1api~1auth~1sso~1start/get/responses"),
    ];

    [Fact]
    public async Task ServedDescription_RecommendedRules_NoErrorsAndOnlyAcceptedWarnings()
    {
        var description = await _server.Http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative));
        var (errors, warnings, report) = await LintAsync(description);
        Console.WriteLine($"Redocly lint of the served description: {errors} errors, {warnings} warnings");
        Console.WriteLine(report);
        Assert.True(errors == 0, $"Redocly found {errors} errors in the served OpenAPI description:\n{report}");
        var unexpected = report.Split('\n').Where(line => line.StartsWith("warn ", StringComparison.Ordinal)
            && !AcceptedWarnings.Any(w => line.StartsWith($"warn {w.Rule}:", StringComparison.Ordinal) && line.EndsWith($" at {w.Where}", StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, $"Redocly warned {unexpected.Count} times about the served OpenAPI description:\n{string.Join('\n', unexpected)}");
    }

    /// <summary>The harness can fail: a description with an undeclared path parameter and no servers has errors.</summary>
    [Fact]
    public async Task BrokenDescription_Linted_ErrorsFound()
    {
        const string broken = """{"openapi":"3.1.1","info":{"title":"x","version":"1"},"paths":{"/a/{id}":{"get":{"responses":{"200":{"description":"ok"}}}}}}""";
        var (errors, _, report) = await LintAsync(broken);
        Assert.True(errors > 0, report);
        Assert.Contains("path-parameters-defined", report, StringComparison.Ordinal);
    }

    private static async Task<(int Errors, int Warnings, string Report)> LintAsync(string description)
    {
        var folder = Path.Combine(TestOidcProvider.RepoRoot(), "tests", "openapi-lint");
        var cli = Path.Combine(folder, "node_modules", "@redocly", "cli", "bin", "cli.js");
        if (!File.Exists(cli))
            throw new InvalidOperationException($"Redocly's CLI is not installed in {folder}: run scripts/test.sh, or 'npm ci' in that folder.");
        var file = Path.Combine(Path.GetTempPath(), $"kairos-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, description);
        try
        {
            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                ArgumentList = { cli, "lint", file, "--format=json", "--config", Path.Combine(folder, "redocly.yaml") },
            };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            Process node;
            try
            {
                node = Process.Start(start)!;
            }
            catch (Win32Exception e)
            {
                throw new InvalidOperationException("Node.js is needed for the OpenAPI lint and was not found: run scripts/test.sh, which installs it.", e);
            }
            using (node)
            {
                var output = node.StandardOutput.ReadToEndAsync();
                var errorOutput = node.StandardError.ReadToEndAsync();
                await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
                var json = await output;
                var start0 = json.IndexOf('{', StringComparison.Ordinal);
                if (start0 < 0) throw new InvalidOperationException($"Redocly printed no report (exit {node.ExitCode}):\n{await errorOutput}");
                using var report = JsonDocument.Parse(json[start0..]);
                var totals = report.RootElement.GetProperty("totals");
                var problems = report.RootElement.GetProperty("problems").EnumerateArray()
                    .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}");
                return (totals.GetProperty("errors").GetInt32(), totals.GetProperty("warnings").GetInt32(), string.Join('\n', problems));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
