using System.Net;
using Kairos.Core.Access;

namespace Kairos.Server.Tests;

[Collection(MetricsCollection.Name)]
public sealed class MetricsTests
{
    private static readonly Dictionary<string, string> Jobs = new()
    {
        ["echo.yaml"] = "id: echo\naction: { command: { argv: [echo, hi] } }\n",
        ["daily.yaml"] = "id: daily\nschedule: { cron: '0 9 * * *' }\naction: { noop: true }\n",
    };

    [Fact]
    public async Task Prometheus_ScrapeWithAViewerToken_RunsFinishedLatenessGaugesAfterARun()
    {
        await using var server = await ServerFixture.StartAsync(Jobs);
        var run = await server.Client.TriggerAsync("echo", reason: "test");
        await server.WaitForStateAsync(run.RunId, "succeeded");
        await server.Client.HoldAsync("daily", "test");

        using var prometheus = await server.ClientAsAsync(Role.Viewer);
        using var response = await prometheus.GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("# TYPE kairos_runs_finished_total counter", lines);
        Assert.Contains("kairos_runs_finished_total{job=\"echo\",state=\"succeeded\"} 1", lines);
        Assert.Contains("# TYPE kairos_run_start_lateness_seconds histogram", lines);
        Assert.Contains("kairos_run_start_lateness_seconds_count{job=\"echo\",trigger=\"manual\"} 1", lines);
        Assert.Contains("kairos_run_start_lateness_seconds_bucket{job=\"echo\",trigger=\"manual\",le=\"+Inf\"} 1", lines);
        Assert.Contains("kairos_jobs_held{} 1", lines);
        Assert.Contains("kairos_runs_active{state=\"running\"} 0", lines);
        Assert.Contains("kairos_queue_depth{} 0", lines);
    }

    [Fact]
    public async Task Prometheus_AskingForOpenMetricsAsPrometheusDoes_SameSampleNames()
    {
        await using var server = await ServerFixture.StartAsync(Jobs);
        var run = await server.Client.TriggerAsync("echo", reason: "test");
        await server.WaitForStateAsync(run.RunId, "succeeded");

        using var prometheus = await server.ClientAsAsync(Role.Viewer);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("metrics", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        using var response = await prometheus.SendAsync(request);
        Assert.StartsWith("application/openmetrics-text; version=1.0.0", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("kairos_runs_finished_total{job=\"echo\",state=\"succeeded\"} 1", lines);
        Assert.Contains("kairos_run_start_lateness_seconds_count{job=\"echo\",trigger=\"manual\"} 1", lines);
        Assert.Contains("# EOF", lines);
    }

    [Fact]
    public async Task Prometheus_ScrapeAfterARun_PassesPromtoolCheckMetrics()
    {
        var promtool = Promtool.Find();
        await using var server = await ServerFixture.StartAsync(Jobs);
        var run = await server.Client.TriggerAsync("echo", reason: "test");
        await server.WaitForStateAsync(run.RunId, "succeeded");

        using var prometheus = await server.ClientAsAsync(Role.Viewer);
        var exposition = await prometheus.GetStringAsync(new Uri("metrics", UriKind.Relative));
        var (exitCode, output) = await Promtool.CheckMetricsAsync(promtool, exposition);
        Assert.True(exitCode == 0, $"promtool check metrics exited {exitCode}:\n{output}\n--- the scraped text ---\n{exposition}");
    }

    [Fact]
    public async Task Prometheus_ByDefault_AnonymousGets401AndAViewerIsServed()
    {
        await using var server = await ServerFixture.StartAsync(Jobs);
        using var anonymous = await server.ClientAsAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("metrics", UriKind.Relative))).StatusCode);
        using var viewer = await server.ClientAsAsync(Role.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(new Uri("metrics", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Prometheus_WhenAnonymousMetricsAreOn_AnonymousScrapes()
    {
        await using var server = await ServerFixture.StartAsync(Jobs, extraArgs: ["--Kairos:Access:AnonymousMetrics", "true"]);
        using var anonymous = await server.ClientAsAsync(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("metrics", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Otlp_ExportsKairosInstrumentsToACollector()
    {
        await using var collector = await RecordingReceiver.StartAsync();
        await using var server = await ServerFixture.StartAsync(Jobs, extraArgs:
            ["--Kairos:Metrics:OtlpEndpoint", collector.Address.ToString(), "--Kairos:Metrics:OtlpInterval", "00:00:00.300"]);
        var run = await server.Client.TriggerAsync("echo", reason: "test");
        await server.WaitForStateAsync(run.RunId, "succeeded");
        var seen = await collector.WaitForAsync(r => r.Any(x => x.Body.Contains("kairos.runs.finished", StringComparison.Ordinal)));
        Assert.All(seen, r => Assert.Equal("/v1/metrics", r.Path));
        Assert.Contains(seen, r => r.Body.Contains("kairos.run.start.lateness", StringComparison.Ordinal));
    }
}

/// <summary>
/// Meters are process-wide: every test server in this process has a meter named "Kairos" with the same instruments, and
/// each server's OpenTelemetry provider (behind both /metrics and OTLP) merges instruments of the same name, from any
/// server, into one stream. When one server is disposed, its instruments end, and OpenTelemetry drops the merged stream
/// from every provider: a test reading metric values while another test's server stops can find a series missing (the
/// OTLP test once got 38 exports without runs.finished in a full-suite run). Production runs one server per process, so
/// every test that reads metric values runs alone rather than the product changing.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics (process-wide meters)";
}
