using Kairos.Server.Access;
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
        services.AddSingleton(_ => new PrometheusText(KairosMetrics.MeterName));
        services.AddHostedService<MetricsRefresher>();
        var endpoint = options.OtlpEndpoint?.ToString() ?? Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (endpoint is { Length: > 0 })
        {
            // The exporter's own builder is not hosted here (no OpenTelemetry.Extensions.Hosting): the provider is a
            // singleton that the container disposes, which flushes the last export on shutdown.
            services.AddSingleton(sp =>
            {
                _ = sp.GetRequiredService<KairosMetrics>(); // the meter must exist before the provider looks for it
                return Sdk.CreateMeterProviderBuilder()
                    .AddMeter(KairosMetrics.MeterName)
                    .AddOtlpExporter((exporter, reader) =>
                    {
                        exporter.Endpoint = new Uri(new Uri(endpoint.TrimEnd('/') + "/"), "v1/metrics");
                        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.OtlpInterval.TotalMilliseconds;
                    })
                    .Build();
            });
            services.AddHostedService(sp => new OtlpStarter(sp.GetRequiredService<MeterProvider>()));
        }
        return services;
    }

    public static void MapMetricsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/metrics", async (KairosMetrics metrics, PrometheusText prometheus, CancellationToken ct) =>
            {
                await metrics.RefreshAsync(ct);
                return Results.Text(prometheus.Render(), "text/plain; version=0.0.4; charset=utf-8");
            })
            .RequireAuthorization(AccessPolicies.Metrics).WithTags("Operations").WithSummary("Prometheus text format: runs by state, queue depth, lateness, durations, alerts");

    /// <summary>Resolving the provider at start-up is what starts its periodic export.</summary>
    private sealed class OtlpStarter(MeterProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            provider.ForceFlush(5000);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Keeps the store-wide gauges fresh for exporters that read them on their own schedule. Taking the Prometheus
    /// listener here starts it with the server: a listener made at the first scrape would miss everything before it.
    /// </summary>
    private sealed class MetricsRefresher(KairosMetrics metrics, PrometheusText listening, MetricsOptions options, TimeProvider clock, ILogger<KairosMetrics> log) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            ArgumentNullException.ThrowIfNull(listening);
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
