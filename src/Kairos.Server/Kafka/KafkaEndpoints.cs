using Kairos.Client.Contracts;
using Kairos.Kafka.Publishing;
using Kairos.Server.Access;

namespace Kairos.Server.Kafka;

internal static class KafkaEndpoints
{
    public static void MapKafkaEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/kafka", (KafkaConnection connection, PartnerPacers pacers) =>
                TypedResults.Ok(new KafkaStatusDto(connection.BootstrapServers, connection.IsEmbedded,
                    pacers.All.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new PartnerDto(p.Name, p.Rate, p.MaxInFlight, p.InFlight)).ToList())))
            .WithName("GetKafka").WithTags("Kafka").RequireAuthorization(AccessPolicies.Viewer)
            .WithSummary("Where Kafka is (embedded or configured brokers) and each partner's pace and messages in flight");
}
