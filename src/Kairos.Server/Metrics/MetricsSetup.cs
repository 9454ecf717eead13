using Kairos.Server.Access;
using Kairos.Server.Api;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Kairos.Server.Metrics;

/// <summary>Kairos:Metrics — OTLP export; the Prometheus endpoint is always on.</summary>
public sealed class MetricsOptions
{
    /// <summary>An OTLP/HTTP collector, such as <c>http://otel-collector:4318</c>; the standard OTEL_EXPORTER_OTLP_ENDPOINT works too.</summary>
    public Uri? OtlpEndpoint { get; set; }

    public TimeSpan OtlpInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the store-wide gauges are read for OTLP (a Prometheus scrape reads them itself).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(15);
}

internal static class MetricsSetup
{
    public static IServiceCollection AddKairosMetrics(this IServiceCollection services, MetricsOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<KairosMetrics>();
        services.AddHostedService<MetricsRefresher>();
        var otlp = options.OtlpEndpoint?.ToString() ?? Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        // One provider feeds both exporters. OpenTelemetry's own hosting package is not used: the provider is a
        // singleton that the container disposes, which flushes the last OTLP export on shutdown.
        services.AddSingleton(sp =>
        {
            _ = sp.GetRequiredService<KairosMetrics>(); // the meter must exist before the provider looks for it
            var builder = Sdk.CreateMeterProviderBuilder().AddMeter(KairosMetrics.MeterName).AddPrometheusExporter(ConfigurePrometheus);
            if (otlp is { Length: > 0 }) builder.AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = new Uri(new Uri(otlp.TrimEnd('/') + "/"), "v1/metrics");
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.OtlpInterval.TotalMilliseconds;
            });
            return builder.Build();
        });
        services.AddHostedService<MeterProviderStarter>();
        return services;
    }

    private static void ConfigurePrometheus(PrometheusAspNetCoreOptions prometheus)
    {
        // Each scrape reads the store first (MapMetricsEndpoint); a cached answer would skip that read's figures.
        prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
        // Series carry Kairos's labels only: every series comes from the one Kairos meter, and dashboards and
        // alerts match on the label sets documented in docs/operations.md.
        prometheus.ScopeInfoEnabled = false;
        prometheus.TargetInfoEnabled = false;
    }

    public static void MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        // The exporter answers as the last step of an ordinary endpoint, so /metrics keeps its authorization, owner
        // scope, GET-only route and OpenAPI entry like every other endpoint.
        var export = app.CreateApplicationBuilder()
            .UseOpenTelemetryPrometheusScrapingEndpoint(app.ServiceProvider.GetRequiredService<MeterProvider>(), _ => true, path: null, configureBranchedPipeline: null, optionsName: null)
            .Build();
        app.MapGet("/metrics", async (HttpContext http, KairosMetrics metrics, CancellationToken ct) =>
            {
                if (ReadScope.Of(http).IsScoped) return Problems.Forbidden(ApiText.Get("Metrics.OwnerScoped"));
                await metrics.RefreshAsync(ct);
                await export(http);
                return Results.Empty;
            })
            .WithName("GetMetrics").Produces<string>(StatusCodes.Status200OK, "text/plain", "application/openmetrics-text").ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(AccessPolicies.Metrics).WithTags("Operations").WithSummary("Prometheus text format or OpenMetrics: runs by state, queue depth, lateness, durations, alerts");
    }

    /// <summary>
    /// Resolving the provider at start-up starts its periodic OTLP export and its listening for Prometheus: a provider
    /// made at the first scrape would miss everything before it.
    /// </summary>
    private sealed class MeterProviderStarter(MeterProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            provider.ForceFlush(5000);
            return Task.CompletedTask;
        }
    }

    /// <summary>Keeps the store-wide gauges fresh for exporters that read them on their own schedule.</summary>
    private sealed class MetricsRefresher(KairosMetrics metrics, MetricsOptions options, TimeProvider clock, ILogger<KairosMetrics> log) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(options.RefreshInterval, clock);
            do
            {
                try { await metrics.RefreshAsync(stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException) { log.LogDebug(e, "Reading the store for metrics failed; the gauges keep their last values"); }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
    }
}
