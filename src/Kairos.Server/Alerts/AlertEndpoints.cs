using Kairos.Client.Contracts;
using Kairos.Core.Alerts;
using Kairos.Core.Ports;
using Kairos.Server.Access;
using Kairos.Server.Api;
using Kairos.Server.Texts;

namespace Kairos.Server.Alerts;

internal static class AlertEndpoints
{
    public static void MapAlertEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/alerts", async (HttpContext http, IKairosStore store, long? run, int? limit, CancellationToken ct) =>
            {
                var readable = await ReadScope.Of(http).ReadableJobIdsAsync(store, ct);
                var alerts = await store.Alerts.ListAsync(run, limit ?? 100, ct);
                return TypedResults.Ok(alerts.Where(a => readable is null || readable.Contains(a.JobId)).Select(ToDto).ToList());
            })
            .WithName("ListAlerts").WithTags("Alerts").RequireAuthorization(AccessPolicies.Viewer).WithSummary("Alerts raised about runs and whether each reached its webhook, newest first");

    private static AlertDto ToDto(AlertRecord a) => new(a.Id, a.RunId, a.JobId, a.Kind.ToWire(), a.Webhook, ReasonText.Detail(a.Message), a.CreatedAt,
        a.Delivery.ToString().ToLowerInvariant(), a.Error, a.DeliveredAt);
}

internal static class AlertSetup
{
    public static IServiceCollection AddKairosAlerts(this IServiceCollection services, AlertOptions options)
    {
        if (options.Problems() is { Count: > 0 } problems) throw new InvalidOperationException("Alert settings: " + string.Join("; ", problems) + ".");
        services.AddSingleton(options);
        services.AddHttpClient(AlertMonitor.HttpClientName);
        services.AddSingleton<AlertMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertMonitor>());
        return services;
    }
}
