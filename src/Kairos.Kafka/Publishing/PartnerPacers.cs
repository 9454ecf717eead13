using Kairos.Kafka.Clients;

namespace Kairos.Kafka.Publishing;

/// <summary>The pacer of each configured destination, one per name for the whole process.</summary>
public sealed class PartnerPacers(KafkaOptions options, TimeProvider clock)
{
    private readonly Dictionary<string, PartnerPacer> _pacers = options.Partners.ToDictionary(
        p => p.Key, p => new PartnerPacer(p.Key, p.Value.Rate, p.Value.MaxInFlight, clock, p.Value.PaceMargin), StringComparer.Ordinal);

    public IReadOnlyCollection<PartnerPacer> All => _pacers.Values;

    public PartnerPacer? Find(string name) => _pacers.GetValueOrDefault(name);

    public IEnumerable<string> Names => _pacers.Keys.Order(StringComparer.Ordinal);
}
