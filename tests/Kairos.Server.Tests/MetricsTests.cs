using System.Diagnostics.Metrics;
using System.Net;
using Kairos.Core.Access;
using Kairos.Server.Metrics;

namespace Kairos.Server.Tests;

public sealed class MetricsTests
{
    private static readonly Dictionary<string, string> Jobs = new()
    {
        ["echo.yaml"] = "id: echo\naction: { command: { argv: [echo, hi] } }\n",
        ["daily.yaml"] = "id: daily\nschedule: { cron: '0 9 * * *' }\naction: { noop: true }\n",
    };

    [Fact]
    public async Task Prometheus_AnonymousScrape_RunsFinishedLatenessGaugesAfterARun()
    {
        await using var server = await ServerFixture.StartAsync(Jobs);
        var run = await server.Client.TriggerAsync("echo", reason: "test");
        await server.WaitForStateAsync(run.RunId, "succeeded");
        await server.Client.HoldAsync("daily", "test");

        using var anonymous = await server.ClientAsAsync(null);
        using var response = await anonymous.GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("# TYPE kairos_runs_finished_total counter", lines);
        Assert.Contains("kairos_runs_finished_total{job=\"echo\",state=\"succeeded\"} 1", lines);
        Assert.Contains("# TYPE kairos_run_start_lateness_seconds histogram", lines);
        Assert.Contains("kairos_run_start_lateness_seconds_count{job=\"echo\",trigger=\"manual\"} 1", lines);
        Assert.Contains("kairos_run_start_lateness_seconds_bucket{job=\"echo\",trigger=\"manual\",le=\"+Inf\"} 1", lines);
        Assert.Contains("kairos_jobs_held 1", lines);
        Assert.Contains("kairos_runs_active{state=\"running\"} 0", lines);
        Assert.Contains("kairos_queue_depth 0", lines);
    }

    [Fact]
    public async Task Prometheus_WhenAnonymousMetricsAreOff_NeedsAViewer()
    {
        await using var server = await ServerFixture.StartAsync(Jobs, extraArgs: ["--Kairos:Access:AnonymousMetrics", "false"]);
        using var anonymous = await server.ClientAsAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("metrics", UriKind.Relative))).StatusCode);
        using var viewer = await server.ClientAsAsync(Role.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(new Uri("metrics", UriKind.Relative))).StatusCode);
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

    [Fact]
    public void PrometheusText_CountersHistogramsGauges_LabelsEscapedAndSorted()
    {
        using var meter = new Meter("Kairos.Tests.Prometheus");
        using var text = new PrometheusText(meter.Name);
        var counter = meter.CreateCounter<long>("demo.events", "{event}", "Events");
        var histogram = meter.CreateHistogram<double>("demo.wait", "s", "Waits");
        var gauge = 0;
        meter.CreateObservableGauge("demo.level", () => gauge, "{item}", "Level");
        counter.Add(2, new KeyValuePair<string, object?>("z", "1"), new KeyValuePair<string, object?>("job", "a\"b\\c\nd"));
        counter.Add(3, new KeyValuePair<string, object?>("job", "a\"b\\c\nd"), new KeyValuePair<string, object?>("z", "1"));
        histogram.Record(0.003);
        histogram.Record(7);
        gauge = 4;
        var lines = text.Render().Split('\n');
        Assert.Contains("demo_events_total{job=\"a\\\"b\\\\c\\nd\",z=\"1\"} 5", lines);
        Assert.Contains("demo_wait_seconds_bucket{le=\"0.001\"} 0", lines);
        Assert.Contains("demo_wait_seconds_bucket{le=\"0.005\"} 1", lines);
        Assert.Contains("demo_wait_seconds_bucket{le=\"10\"} 2", lines);
        Assert.Contains("demo_wait_seconds_bucket{le=\"+Inf\"} 2", lines);
        Assert.Contains("demo_wait_seconds_sum 7.003", lines);
        Assert.Contains("demo_level 4", lines);
        gauge = 1;
        Assert.Contains("demo_level 1", text.Render().Split('\n'));
    }
}
