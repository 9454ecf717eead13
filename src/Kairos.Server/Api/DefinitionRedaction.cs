using System.Text.Json;
using Kairos.Client.Contracts;
using Kairos.Core.Secrets;
using Kairos.Definitions;

namespace Kairos.Server.Api;

/// <summary>
/// A job definition as a caller who is not an admin sees it: credential-named environment values and headers, key-like
/// URL parameters and user-info, and credential shapes in arguments and bodies are masked; references stay.
/// </summary>
internal static class DefinitionRedaction
{
    public static JobDefinition Redact(JobDefinition definition)
    {
        var copy = JobJson.Deserialize(JobJson.Serialize(definition));
        if (copy.Action?.Command is { } command) Redact(command);
        if (copy.Action?.Http is { } http)
        {
            if (http.Url is { } url) http.Url = UrlRedaction.Redact(url);
            http.Headers = Headers(http.Headers);
            if (http.Body is { } body) http.Body = TextRedaction.Redact(body);
        }
        if (copy.Action?.KafkaPublish is { } kafka)
        {
            kafka.Headers = Headers(kafka.Headers);
            if (kafka.Template is { } template) kafka.Template = TextRedaction.Redact(template);
            kafka.Items = kafka.Items?.Select(item => Named(item, SensitiveNames.IsSensitive)).ToList();
            if (kafka.FromCommand is { } fromCommand) Redact(fromCommand);
        }
        return copy;
    }

    /// <summary>The stored JSON of a definition, redacted; text that is not a definition is redacted as text.</summary>
    public static string RedactJson(string json)
    {
        try { return JobJson.Serialize(Redact(JobJson.Deserialize(json))); }
        catch (JsonException) { return TextRedaction.Redact(json); }
    }

    private static void Redact(CommandDefinition command)
    {
        command.Env = command.Env is null ? null : Named(command.Env, SensitiveNames.IsSensitive);
        command.Argv = command.Argv?.Select((arg, i) => i > 0 && IsSensitiveFlag(command.Argv[i - 1]) ? Redaction.Value(arg) : TextRedaction.Redact(arg)).ToList();
    }

    private static Dictionary<string, string>? Headers(Dictionary<string, string>? headers) =>
        headers is null ? null : Named(headers, SensitiveNames.IsSensitiveHeader);

    private static Dictionary<string, string> Named(Dictionary<string, string> values, Func<string, bool> sensitive) =>
        values.ToDictionary(v => v.Key, v => sensitive(v.Key) ? Redaction.Value(v.Value) : TextRedaction.Redact(v.Value));

    // "--password" "hunter2": the value travels as the next argument.
    private static bool IsSensitiveFlag(string arg) => arg.StartsWith('-') && !arg.Contains('=', StringComparison.Ordinal) && SensitiveNames.IsSensitive(arg);
}
