using System.Collections.Concurrent;
using Kairos.Client.Contracts;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Kairos.Definitions;

/// <summary>
/// Every key of a job document that the schema does not have, each with its path and line. Checked before the document
/// is read (which then ignores them), so one misspelt field is reported beside every other problem of the file instead
/// of hiding them. The schema is the compile-time YAML metadata the reader itself uses, so the two cannot disagree.
/// </summary>
internal static class UnknownFields
{
    private static readonly ITypeInspector Schema = new JobYamlContext().GetTypeInspector();
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Type>> Fields = new();

    /// <param name="schema">The document's type: <see cref="JobDefinition"/> or <see cref="FlowDefinition"/>.</param>
    public static IEnumerable<(string Path, string Key, int Line)> In(YamlNode root, Type schema) => Walk(root, schema, "");

    private static IEnumerable<(string Path, string Key, int Line)> Walk(YamlNode node, Type type, string path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (node is YamlSequenceNode sequence && ElementOf(type) is { } element)
        {
            for (var i = 0; i < sequence.Children.Count; i++)
                foreach (var found in Walk(sequence.Children[i], element, $"{path}[{i}]")) yield return found;
            yield break;
        }
        // Only the schema's own records have fixed keys; a dictionary (env, headers) takes any.
        if (node is not YamlMappingNode mapping || type.Namespace != typeof(JobDefinition).Namespace) yield break;
        var fields = Fields.GetOrAdd(type, t => Schema.GetProperties(t, null)
            .ToDictionary(p => CamelCaseNamingConvention.Instance.Apply(p.Name), p => p.Type, StringComparer.Ordinal));
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = keyNode.ToString();
            var child = path.Length == 0 ? key : $"{path}.{key}";
            if (!fields.TryGetValue(key, out var fieldType)) { yield return (child, key, (int)keyNode.Start.Line); continue; }
            foreach (var found in Walk(value, fieldType, child)) yield return found;
        }
    }

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments() is [var item] ? item
        : null;
}
