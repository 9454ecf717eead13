namespace Kairos.Core.Jobs;

/// <summary>
/// Publishes messages to a Kafka topic, paced by the named <paramref name="Partner"/> destination's rate and in-flight
/// limit (shared by every job that targets it). The messages come from <paramref name="Source"/>.
/// </summary>
public sealed record KafkaPublishAction(
    string Topic,
    string? Partner,
    MessageSource Source,
    string? KeyTemplate,
    IReadOnlyDictionary<string, string> Headers) : JobAction;

/// <summary>Where a publishing run's messages come from.</summary>
public abstract record MessageSource;

/// <summary>One message per item, the value expanded from <paramref name="ValueTemplate"/>; one message when there are no items.</summary>
public sealed record TemplateMessages(string ValueTemplate, IReadOnlyList<MessageItem> Items) : MessageSource;

/// <summary>One message per JSON line a command prints on standard output.</summary>
public sealed record CommandMessages(CommandAction Command) : MessageSource;

/// <summary>
/// One element a template is expanded over: a scalar (<c>{{item}}</c>) or named fields (<c>{{item.pair}}</c>).
/// </summary>
public sealed record MessageItem(string? Value, IReadOnlyDictionary<string, string> Fields)
{
    public static MessageItem Scalar(string value) => new(value, new Dictionary<string, string>());

    public static MessageItem Of(IReadOnlyDictionary<string, string> fields) => new(null, fields);
}
