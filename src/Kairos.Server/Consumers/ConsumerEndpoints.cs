using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Kafka.Consumers;
using Kairos.Server.Access;
using Kairos.Server.Api;

namespace Kairos.Server.Consumers;

internal static class ConsumerEndpoints
{
    public static void MapConsumerEndpoints(this IEndpointRouteBuilder app)
    {
        var consumers = app.MapGroup("/api/consumers").WithTags("Consumers").RequireAuthorization(AccessPolicies.Viewer);
        consumers.MapGet("/", ListAsync).WithName("ListConsumers").Produces<List<ConsumerDto>>().WithSummary("Every configured consumer: topic, handler, lag per partition, workers and the scaling rule's reason");
        consumers.MapGet("/{name}", GetAsync).WithName("GetConsumer").Produces<ConsumerDto>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One consumer");
        consumers.MapGet("/{name}/latest", LatestAsync).WithName("ListLatestValues").Produces<List<LatestValueDto>>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A latest-value consumer's table: each key's latest value and how many messages updated it");
    }

    private static async Task<IResult> ListAsync(ConfiguredConsumers configured, ConsumerSupervisor supervisor, IKairosStore store, CancellationToken ct)
    {
        var list = new List<ConsumerDto>();
        foreach (var (name, options) in configured.All.OrderBy(c => c.Key, StringComparer.Ordinal))
            list.Add(await ToDtoAsync(name, options, supervisor, store, ct));
        return TypedResults.Ok(list);
    }

    private static async Task<IResult> GetAsync(string name, ConfiguredConsumers configured, ConsumerSupervisor supervisor, IKairosStore store, CancellationToken ct) =>
        configured.All.TryGetValue(name, out var options)
            ? TypedResults.Ok(await ToDtoAsync(name, options, supervisor, store, ct))
            : NotFound(name, configured);

    private static async Task<IResult> LatestAsync(string name, ConfiguredConsumers configured, IKairosStore store, CancellationToken ct)
    {
        if (!configured.All.ContainsKey(name)) return NotFound(name, configured);
        var values = await store.LatestValues.ListAsync(name, ct);
        return TypedResults.Ok(values.Select(v => new LatestValueDto(v.Key, v.Value, v.BusinessDate, v.MessageId, v.Offset, v.UpdatedAt, v.Updates)).ToList());
    }

    private static IResult NotFound(string name, ConfiguredConsumers configured) =>
        Problems.NotFound(ApiText.Get("Consumer.NotFound", name, string.Join(", ", configured.All.Keys.Order(StringComparer.Ordinal))));

    private static async Task<ConsumerDto> ToDtoAsync(string name, ConsumerOptions options, ConsumerSupervisor supervisor, IKairosStore store, CancellationToken ct)
    {
        var settings = options.Settings(name);
        var state = supervisor.States.GetValueOrDefault(name);
        var s = options.Scaling;
        var scaling = new ScalingDto(s.LagThreshold, s.ActivationLagThreshold, s.MinReplicas, s.MaxReplicas, s.AllowIdleConsumers, s.LimitToPartitionsWithLag, s.Cooldown.TotalSeconds,
            s.Floor is { } f ? new FloorDto(f.Calendar, f.From.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), f.To.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), f.Replicas, f.TimeZone) : null);
        return new ConsumerDto(name, settings.Topic, settings.Group, options.Handler!, options.Supervise, state?.Running ?? 0, state?.Pids ?? [],
            state?.Decision?.Replicas, state?.Decision?.Reason, state?.Decision?.TotalLag,
            state?.Lags.Select(l => new PartitionLagDto(l.Partition, l.Lag)).ToList() ?? [], await store.Inbox.CountAsync(name, ct),
            state?.Restarts ?? 0, state?.CheckedAt, state?.Error, scaling);
    }
}
