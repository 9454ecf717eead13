using Kairos.Client.Contracts;
using Kairos.Core.Secrets;

namespace Kairos.Definitions;

/// <summary>
/// Secret references are read only where the executors read them; anywhere else, or with a name they cannot have,
/// they would reach the run as literal text, so they are refused here instead.
/// </summary>
public sealed partial class JobValidator
{
    private static void ValidateSecretReferences(JobDefinition definition, Action<string, string> error)
    {
        var action = definition.Action;
        foreach (var (field, text) in Read(action))
            foreach (var bad in SecretReferences.Malformed(text)) error(field, DefinitionText.Get("secret.malformed", bad));
        foreach (var (field, text) in NotRead(action))
            foreach (var reference in SecretReferences.In(text).Select(r => r.ToString()).Concat(SecretReferences.Malformed(text)))
                error(field, DefinitionText.Get("secret.notRead", reference));
    }

    private static IEnumerable<(string Field, string? Text)> Read(ActionDefinition? action) =>
        Env(action?.Command?.Env, "action.command.env")
            .Concat(Env(action?.KafkaPublish?.FromCommand?.Env, "action.kafkaPublish.fromCommand.env"))
            .Append(("action.http.url", action?.Http?.Url))
            .Concat(Env(action?.Http?.Headers, "action.http.headers"))
            .Append(("action.http.body", action?.Http?.Body));

    private static IEnumerable<(string Field, string? Text)> NotRead(ActionDefinition? action) =>
        (action?.Command?.Argv ?? []).Select(a => ("action.command.argv", (string?)a))
            .Concat((action?.KafkaPublish?.FromCommand?.Argv ?? []).Select(a => ("action.kafkaPublish.fromCommand.argv", (string?)a)))
            .Concat(Env(action?.KafkaPublish?.Headers, "action.kafkaPublish.headers"))
            .Append(("action.kafkaPublish.template", action?.KafkaPublish?.Template))
            .Append(("action.kafkaPublish.key", action?.KafkaPublish?.Key));

    private static IEnumerable<(string Field, string? Text)> Env(Dictionary<string, string>? values, string field) =>
        values?.Select(v => ($"{field}.{v.Key}", (string?)v.Value)) ?? [];
}
