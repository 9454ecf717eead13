namespace Kairos.Kafka.Relay;

/// <summary>
/// Where a relay sends each request message and where the answer goes: the partner's REST endpoint, with a timeout per
/// call, retries with jittered backoff, a circuit breaker, and the partner's pace from <c>Kairos:Kafka:Partners</c>.
/// </summary>
public sealed class RelayOptions
{
    /// <summary>The partner's endpoint; each request message's value is its body.</summary>
    public string? Url { get; set; }

    public string Method { get; set; } = "POST";

    /// <summary>Where the partner's answer, or the error, is published with the request's correlation id.</summary>
    public string? ResponseTopic { get; set; }

    /// <summary>A partner under <c>Kairos:Kafka:Partners</c> whose rate and in-flight limit pace the calls.</summary>
    public string? Partner { get; set; }

    /// <summary>
    /// Extra spacing of calls on top of the partner's one-second window, so that calls delayed on their way by up to this
    /// much (a new connection) still reach the partner at most its rate in any second.
    /// </summary>
    public TimeSpan PaceMargin { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>One call's limit; a call that takes longer counts as failed and is retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after a failed call (a timeout, a connection error, a 5xx or 429), with backoff and jitter.</summary>
    public int Retries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The circuit opens when at least half of at least this many calls in <see cref="BreakSampling"/> failed; while
    /// it is open, requests are answered with an error at once and the partner is left alone for <see cref="BreakFor"/>.
    /// </summary>
    public int BreakAfter { get; set; } = 10;

    public TimeSpan BreakSampling { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The partner answers JSON: a success whose body is not JSON is published as an error, not as an answer.</summary>
    public bool ExpectJson { get; set; } = true;

    /// <summary>Problems, each naming its key under <paramref name="prefix"/>; empty when usable.</summary>
    public IReadOnlyList<string> Problems(string prefix, IReadOnlyCollection<string> partners)
    {
        ArgumentNullException.ThrowIfNull(partners);
        var problems = new List<string>();
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")) problems.Add($"{prefix}:Url must be an absolute http or https URL (it is '{Url}')");
        if (Method.ToUpperInvariant() is not ("POST" or "PUT" or "PATCH" or "GET")) problems.Add($"{prefix}:Method must be POST, PUT, PATCH or GET (it is '{Method}')");
        if (string.IsNullOrWhiteSpace(ResponseTopic)) problems.Add($"{prefix}:ResponseTopic is required");
        if (Partner is not null && !partners.Contains(Partner)) problems.Add($"{prefix}:Partner '{Partner}' is not under Kairos:Kafka:Partners (known: {string.Join(", ", partners.Order(StringComparer.Ordinal))})");
        if (Timeout <= TimeSpan.Zero) problems.Add($"{prefix}:Timeout must be above zero");
        if (PaceMargin < TimeSpan.Zero || PaceMargin > TimeSpan.FromSeconds(1)) problems.Add($"{prefix}:PaceMargin must be 00:00:00 to 00:00:01 (it is {PaceMargin})");
        if (Retries is < 0 or > 20) problems.Add($"{prefix}:Retries must be 0 to 20 (it is {Retries})");
        if (BreakAfter < 2) problems.Add($"{prefix}:BreakAfter must be at least 2 (it is {BreakAfter})");
        if (BreakFor < TimeSpan.FromMilliseconds(500) || BreakSampling < TimeSpan.FromMilliseconds(500)) problems.Add($"{prefix}:BreakFor and BreakSampling must be at least 500ms");
        return problems;
    }
}
