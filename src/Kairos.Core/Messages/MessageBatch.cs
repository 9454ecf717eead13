using System.Text.Json;
using Kairos.Core.Jobs;

namespace Kairos.Core.Messages;

/// <summary>
/// Builds every message of a publishing run before the first is sent, so a template that does not expand or a bad
/// output line stops the run with nothing published rather than half of it.
/// </summary>
public static class MessageBatch
{
    /// <summary>The messages of a template source, or the first problem (naming the element and the placeholder).</summary>
    public static (IReadOnlyList<OutgoingMessage>? Messages, string? Error) FromTemplate(
        KafkaPublishAction action, EffectKey key, TemplateMessages source, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(source);
        var items = source.Items.Count == 0 ? [null] : source.Items.Cast<MessageItem?>().ToList();
        var messages = new List<OutgoingMessage>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var where = items.Count == 1 && items[0] is null ? "" : $" for element {i + 1}";
            var (value, missing) = MessageTemplate.Expand(source.ValueTemplate, variables, items[i]);
            if (value is null) return (null, $"the template's {{{{{missing}}}}} has no value{where}");
            var (message, error) = Build(action, key, variables, i, items[i], value, null, []);
            if (message is null) return (null, error + where);
            messages.Add(message);
        }
        return (messages, null);
    }

    /// <summary>
    /// The messages of a command's JSON-lines output: each line an object with <c>value</c> (a string, or any JSON kept
    /// as written) and optional <c>key</c> and <c>headers</c>. Blank lines are ignored.
    /// </summary>
    public static (IReadOnlyList<OutgoingMessage>? Messages, string? Error) FromJsonLines(
        KafkaPublishAction action, EffectKey key, IReadOnlyList<string> lines, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(lines);
        var messages = new List<OutgoingMessage>(lines.Count);
        for (var n = 0; n < lines.Count; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n])) continue;
            var where = $"output line {n + 1}";
            JsonElement root;
            try { root = JsonDocument.Parse(lines[n]).RootElement; }
            catch (JsonException e) { return (null, $"{where} is not JSON: {e.Message}"); }
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var valueElement))
                return (null, $"{where} needs an object with a \"value\"");
            var value = valueElement.ValueKind == JsonValueKind.String ? valueElement.GetString()! : valueElement.GetRawText();
            string? messageKey = null;
            if (root.TryGetProperty("key", out var keyElement))
            {
                if (keyElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)) return (null, $"{where}: \"key\" must be a string");
                messageKey = keyElement.GetString();
            }
            var extra = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("headers", out var headers))
            {
                if (headers.ValueKind != JsonValueKind.Object) return (null, $"{where}: \"headers\" must be an object of strings");
                foreach (var h in headers.EnumerateObject())
                {
                    if (h.Value.ValueKind != JsonValueKind.String) return (null, $"{where}: header \"{h.Name}\" must be a string");
                    extra.Add(new(h.Name, h.Value.GetString()!));
                }
            }
            var (message, error) = Build(action, key, variables, messages.Count, null, value, messageKey, extra);
            if (message is null) return (null, $"{where}: {error}");
            messages.Add(message);
        }
        return (messages, null);
    }

    private static (OutgoingMessage?, string?) Build(KafkaPublishAction action, EffectKey effect, IReadOnlyDictionary<string, string> variables,
        int index, MessageItem? item, string value, string? key, List<KeyValuePair<string, string>> lineHeaders)
    {
        if (key is null && action.KeyTemplate is { } keyTemplate)
        {
            (key, var missing) = MessageTemplate.Expand(keyTemplate, variables, item);
            if (key is null) return (null, $"the key's {{{{{missing}}}}} has no value");
        }
        var headers = new List<KeyValuePair<string, string>>
        {
            new(MessageHeaders.RunId, variables.GetValueOrDefault("runId", "")),
            new(MessageHeaders.Job, variables.GetValueOrDefault("jobId", "")),
            new(MessageHeaders.Slot, variables.GetValueOrDefault("slotTime", "")),
            new(MessageHeaders.BusinessDate, variables.GetValueOrDefault("businessDate", "")),
            new(MessageHeaders.CorrelationId, effect.MessageId(index)),
        };
        foreach (var (name, template) in action.Headers)
        {
            var (headerValue, missing) = MessageTemplate.Expand(template, variables, item);
            if (headerValue is null) return (null, $"header {name}'s {{{{{missing}}}}} has no value");
            headers.Add(new(name, headerValue));
        }
        headers.AddRange(lineHeaders);
        return (new OutgoingMessage(key, value, headers), null);
    }
}
