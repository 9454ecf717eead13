using System.Text;
using Kairos.Core.Jobs;

namespace Kairos.Core.Messages;

/// <summary>
/// Expands <c>{{name}}</c> placeholders from a run's variables and one <see cref="MessageItem"/>. Unlike
/// <c>ActionContext.Expand</c>, a placeholder that has no value is an error: a message must never leave with a literal
/// <c>{{item.amount}}</c> in it.
/// </summary>
public static class MessageTemplate
{
    /// <summary>The expanded text, or null and the name of the first placeholder that has no value.</summary>
    public static (string? Text, string? Missing) Expand(string template, IReadOnlyDictionary<string, string> variables, MessageItem? item)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(variables);
        var result = new StringBuilder(template.Length + 32);
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0) break;
            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0) return (null, template[open..]);
            result.Append(template, at, open - at);
            var name = template[(open + 2)..close].Trim();
            if (Lookup(name, variables, item) is not { } value) return (null, name);
            result.Append(value);
            at = close + 2;
        }
        result.Append(template, at, template.Length - at);
        return (result.ToString(), null);
    }

    /// <summary>The placeholders a template names, for checking a definition before any run.</summary>
    public static IEnumerable<string> Placeholders(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        for (var open = template.IndexOf("{{", StringComparison.Ordinal); open >= 0; open = template.IndexOf("{{", open + 2, StringComparison.Ordinal))
        {
            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0) { yield return template[open..]; yield break; }
            yield return template[(open + 2)..close].Trim();
        }
    }

    private static string? Lookup(string name, IReadOnlyDictionary<string, string> variables, MessageItem? item)
    {
        if (name == "item") return item?.Value;
        if (name.StartsWith("item.", StringComparison.Ordinal))
            return item is not null && item.Fields.TryGetValue(name[5..], out var field) ? field : null;
        return variables.TryGetValue(name, out var value) ? value : null;
    }
}
