using System.Text.RegularExpressions;
using Kairos.Client.Contracts;
using Kairos.Core.Jobs;
using Kairos.Core.Messages;

namespace Kairos.Definitions;

public sealed partial class JobValidator
{
    /// <summary>The run variables a message template may name, besides {{item}} and {{item.field}}.</summary>
    private static readonly HashSet<string> RunVariables = ["runId", "jobId", "slotTime", "businessDate", "attempt", "trigger"];

    /// <summary>What an event-triggered run's templates may name besides: the message that triggered it.</summary>
    private static readonly HashSet<string> MessageVariables = ["messageId", "messageTopic", "messagePartition", "messageOffset", "messageKey", "messageValue", "messageHeaders"];

    private KafkaPublishAction? ValidateKafkaPublish(KafkaPublishDefinition k, string? baseFolder, bool triggered, Action<string, string> error)
    {
        const string field = "action.kafkaPublish";
        CheckTopic(k.Topic, $"{field}.topic", error);
        if (k.Partner is { } partner && !IdPattern().IsMatch(partner)) error($"{field}.partner", DefinitionText.Get("kafka.partner.pattern", partner));

        var sources = (k.Template is null ? 0 : 1) + (k.FromCommand is null ? 0 : 1);
        if (sources != 1) { error(field, DefinitionText.Get("kafka.source.exactlyOne")); return null; }
        if (k.Template is null && (k.Over is not null || k.Items is not null)) error(field, DefinitionText.Get("kafka.overItems.needTemplate"));
        if (k.Over is not null && k.Items is not null) error(field, DefinitionText.Get("kafka.overItems.both"));

        var items = k.Over?.Select(MessageItem.Scalar).ToList()
            ?? k.Items?.Select(i => MessageItem.Of(i)).ToList() ?? [];
        // Every template must expand for every item now, so a bad one is found when the job is loaded, not mid-run.
        var known = triggered ? [.. RunVariables, .. MessageVariables] : RunVariables.ToList();
        CheckTemplate(k.Template, $"{field}.template", items, known, error);
        CheckTemplate(k.Key, $"{field}.key", items, known, error);
        foreach (var (name, value) in k.Headers ?? []) CheckTemplate(value, $"{field}.headers.{name}", items, known, error);

        MessageSource? source = k.Template is { } template
            ? new TemplateMessages(template, items)
            : ValidateCommand(k.FromCommand!, $"{field}.fromCommand", baseFolder, error) is { } command ? new CommandMessages(command) : null;
        return source is null || k.Topic is null ? null : new KafkaPublishAction(k.Topic, k.Partner, source, k.Key, k.Headers ?? []);
    }

    private static void CheckTemplate(string? template, string field, IReadOnlyList<MessageItem> items, IReadOnlyList<string> known, Action<string, string> error)
    {
        if (template is null) return;
        var probe = known.ToDictionary(v => v, _ => "");
        foreach (var (item, index) in (items.Count == 0 ? [null] : items.Cast<MessageItem?>()).Select((x, i) => (x, i)))
        {
            var (_, missing) = MessageTemplate.Expand(template, probe, item);
            if (missing is null) continue;
            var names = string.Join(", ", known.Select(v => "{{" + v + "}}"));
            error(field, missing.StartsWith("{{", StringComparison.Ordinal) ? DefinitionText.Get("kafka.template.unclosed", missing)
                : item is null ? DefinitionText.Get("kafka.template.unknown", missing, names)
                : DefinitionText.Get("kafka.template.unknownInElement", missing, index + 1, names));
            return;
        }
    }

    private static void CheckTopic(string? topic, string field, Action<string, string> error)
    {
        if (string.IsNullOrWhiteSpace(topic)) error(field, DefinitionText.Get("required"));
        else if (!TopicPattern().IsMatch(topic)) error(field, DefinitionText.Get("kafka.topic.pattern", topic));
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,249}$")]
    private static partial Regex TopicPattern();
}
