using Kairos.Core.Scaling;
using Kairos.Kafka.Consuming;
using Kairos.Kafka.Relay;

namespace Kairos.Kafka.Consumers;

/// <summary>
/// One consumer as configured under <c>Kairos:Consumers:{name}</c>: its topic, what it does with each message
/// (<c>relay</c> to a partner, or keep the <c>latest</c> value per key), its retries, and how it scales.
/// </summary>
public sealed class ConsumerOptions
{
    public const string Section = "Kairos:Consumers";

    public string? Topic { get; set; }

    /// <summary>The consumer group; default the consumer's name.</summary>
    public string? Group { get; set; }

    /// <summary><c>relay</c> or <c>latest</c>.</summary>
    public string? Handler { get; set; }

    public RelayOptions? Relay { get; set; }

    /// <summary>For <c>latest</c>: only messages with these header values (such as <c>kairos-relay-outcome: response</c>).</summary>
    public Dictionary<string, string> OnlyHeaders { get; set; } = new(StringComparer.Ordinal);

    public int MaxAttempts { get; set; } = 3;

    public TimeSpan Backoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between tries while the store, network or Kafka is down.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public string? DeadLetterTopic { get; set; }

    /// <summary>How the local supervisor (and <c>kairos keda</c>) scale the consumer's worker processes.</summary>
    public ScalingPolicy Scaling { get; set; } = new();

    /// <summary>Whether this server's supervisor runs the worker processes; off when something else (KEDA) does.</summary>
    public bool Supervise { get; set; } = true;

    public ConsumerSettings Settings(string name) => new(name, Topic!)
    {
        GroupId = Group, MaxAttempts = MaxAttempts, Backoff = Backoff, MaxBackoff = MaxBackoff, DeadLetterTopic = DeadLetterTopic,
    };

    /// <summary>Problems, each naming its key; empty when usable.</summary>
    /// <param name="partners">The configured partners' rates by name.</param>
    public IReadOnlyList<string> Problems(string name, IReadOnlyDictionary<string, int> partners, IReadOnlyCollection<string> calendars)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        var prefix = $"{Section}:{name}";
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Topic)) problems.Add($"{prefix}:Topic is required");
        switch (Handler)
        {
            case "relay" when Relay is null: problems.Add($"{prefix}:Relay is required for the relay handler (Url, ResponseTopic)"); break;
            case "relay":
                problems.AddRange(Relay!.Problems($"{prefix}:Relay", [.. partners.Keys]));
                // Each worker paces at rate / maxReplicas (pacing is per process): below one call a second each, they could not share it.
                if (Relay.Partner is { } p && partners.TryGetValue(p, out var rate) && rate < Scaling.MaxReplicas)
                    problems.Add($"{prefix}:Scaling:MaxReplicas ({Scaling.MaxReplicas}) is above partner {p}'s rate ({rate}/s); each worker takes rate / MaxReplicas, so give MaxReplicas of at most {rate}");
                break;
            case "latest": break;
            default: problems.Add($"{prefix}:Handler must be relay or latest (it is '{Handler}')"); break;
        }
        if (MaxAttempts is < 1 or > 100) problems.Add($"{prefix}:MaxAttempts must be 1 to 100 (it is {MaxAttempts})");
        if (Backoff <= TimeSpan.Zero) problems.Add($"{prefix}:Backoff must be above zero (it is {Backoff})");
        if (MaxBackoff < Backoff) problems.Add($"{prefix}:MaxBackoff ({MaxBackoff}) must be at least Backoff ({Backoff})");
        problems.AddRange(Scaling.Problems().Select(p => $"{prefix}:Scaling: {p}"));
        if (Scaling.Floor is { } floor && !calendars.Contains(floor.Calendar))
            problems.Add($"{prefix}:Scaling:Floor:Calendar '{floor.Calendar}' is not a calendar (known: {string.Join(", ", calendars.Order(StringComparer.Ordinal))})");
        return problems;
    }
}
