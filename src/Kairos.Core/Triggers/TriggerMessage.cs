using System.Globalization;
using System.Text.Json;

namespace Kairos.Core.Triggers;

/// <summary>
/// The message an event-triggered run was created for, kept with the run so every attempt (and an operator reading
/// the run later) sees exactly what arrived. <paramref name="Id"/> is what makes the run unique for its job: the
/// message's correlation id, or where it sits in the log.
/// </summary>
public sealed record TriggerMessage(
    string Id,
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    string Value,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    DateTimeOffset Timestamp)
{
    /// <summary>What an action sees: <c>{{messageValue}}</c> in templates, <c>KAIROS_MESSAGE_VALUE</c> in a command's environment.</summary>
    public IEnumerable<KeyValuePair<string, string>> Variables()
    {
        yield return new("messageId", Id);
        yield return new("messageTopic", Topic);
        yield return new("messagePartition", Partition.ToString(CultureInfo.InvariantCulture));
        yield return new("messageOffset", Offset.ToString(CultureInfo.InvariantCulture));
        yield return new("messageKey", Key ?? "");
        yield return new("messageHeaders", JsonSerializer.Serialize(HeadersByName(), HeaderJsonContext.Default.IReadOnlyDictionaryStringString));
        // Last, so that text inside the message is never taken for another variable's placeholder.
        yield return new("messageValue", Value);
    }

    /// <summary>Headers by name; a header sent more than once keeps its last value, as Kafka clients read it.</summary>
    public IReadOnlyDictionary<string, string> HeadersByName()
    {
        var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Headers) byName[name] = value;
        return byName;
    }
}
