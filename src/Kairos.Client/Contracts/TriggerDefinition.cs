namespace Kairos.Client.Contracts;

/// <summary>
/// Runs the job once for each message on a Kafka topic that passes the filters. Patterns match the whole key or header
/// value and may use <c>*</c> for any run of characters.
/// </summary>
public sealed class TriggerDefinition
{
    /// <summary>The topic whose messages trigger runs.</summary>
    public string? Topic { get; set; }

    /// <summary>Only messages whose key matches this pattern, such as <c>USD*</c>; default every message.</summary>
    public string? Key { get; set; }

    /// <summary>Only messages whose headers match these patterns, by header name.</summary>
    public Dictionary<string, string>? Headers { get; set; }
}
