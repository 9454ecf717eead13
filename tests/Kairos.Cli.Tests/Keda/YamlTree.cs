using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Kairos.Cli.Tests.Keda;

/// <summary>
/// A YAML stream as plain values (documents, maps with sorted keys, lists, scalars), so two texts that Kubernetes
/// would read the same compare equal however they are laid out. An unquoted scalar that YAML reads as a number,
/// boolean or null keeps that type, since a quoted "10" and a plain 10 are different values to Kubernetes.
/// </summary>
internal static partial class YamlTree
{
    public static List<object?> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => Value(d.RootNode)).ToList();
    }

    public static string Canonical(string yaml) => JsonSerializer.Serialize(Parse(yaml));

    private static object? Value(YamlNode node) => node switch
    {
        YamlMappingNode map => new SortedDictionary<string, object?>(
            map.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => Value(c.Value)), StringComparer.Ordinal),
        YamlSequenceNode list => list.Children.Select(Value).ToList(),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException(node.NodeType.ToString()),
    };

    public static object? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain) return text;
        if (Integer().IsMatch(text)) return long.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        if (text is "true" or "false") return text == "true";
        if (text is "" or "~" or "null") return null;
        return text;
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();
}
