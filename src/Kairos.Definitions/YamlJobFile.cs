using System.Text.RegularExpressions;
using Kairos.Client.Contracts;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Kairos.Definitions;

/// <summary>
/// One job or one flow per YAML document (a file may hold several, separated by <c>---</c>), with the line of every
/// field. A document with <c>steps</c> is a flow.
/// </summary>
public static partial class YamlJobFile
{
    // Unknown keys are found first (UnknownFields) and reported each with its line; the reader then passes over them so
    // the rest of the document is still read and checked.
    private static readonly IDeserializer Deserializer = new StaticDeserializerBuilder(new JobYamlContext())
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>
    /// A parsed document: the definition and the line of each field path, or the error that stopped it; and every
    /// field the schema does not have (the definition is read without them, and must not be loaded while there are any).
    /// </summary>
    public sealed record Document(JobDefinition? Definition, IReadOnlyDictionary<string, int> Lines, int StartLine, JobDefinitionError? Error)
    {
        public IReadOnlyList<JobDefinitionError> UnknownFields { get; init; } = [];

        /// <summary>Set instead of <see cref="Definition"/> when the document is a flow.</summary>
        public FlowDefinition? Flow { get; init; }
    }

    public static IReadOnlyList<Document> Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (YamlLimits.Check(text, file) is { } refused) return [new Document(null, new Dictionary<string, int>(), refused.Line ?? 1, refused)];
        var lineMaps = new List<(Dictionary<string, int> Lines, int Start, List<JobDefinitionError> Unknown, bool IsFlow)>();
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            foreach (var doc in stream.Documents)
            {
                var lines = new Dictionary<string, int>(StringComparer.Ordinal);
                Walk(doc.RootNode, "", lines);
                var isFlow = IsFlow(doc.RootNode);
                var unknown = UnknownFields.In(doc.RootNode, isFlow ? typeof(FlowDefinition) : typeof(JobDefinition))
                    .Select(u => new JobDefinitionError(file, u.Line, u.Path, DefinitionText.Get("yaml.unknownField", u.Key))).ToList();
                lineMaps.Add((lines, (int)doc.RootNode.Start.Line, unknown, isFlow));
            }
        }
        catch (YamlException e)
        {
            return [new Document(null, new Dictionary<string, int>(), (int)e.Start.Line, new JobDefinitionError(file, (int)e.Start.Line, "", DefinitionText.Get("yaml.invalid", Innermost(e))))];
        }

        var documents = new List<Document>();
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        var index = 0;
        while (parser.Accept<DocumentStart>(out _) && index < lineMaps.Count)
        {
            var (lines, start, unknown, isFlow) = lineMaps[index++];
            try
            {
                if (isFlow)
                {
                    documents.Add(new Document(null, lines, start, null) { UnknownFields = unknown, Flow = Deserializer.Deserialize<FlowDefinition>(parser) });
                    continue;
                }
                var definition = Deserializer.Deserialize<JobDefinition>(parser);
                documents.Add(definition is null
                    ? new Document(null, lines, start, new JobDefinitionError(file, start, "", DefinitionText.Get("yaml.empty")))
                    : new Document(definition, lines, start, null) { UnknownFields = unknown });
            }
            catch (YamlException e)
            {
                var line = (int)e.Start.Line;
                // Several keys share a line in a flow mapping ({ a: 1, b: 2 }); an unknown field is named by the error itself.
                var named = UnknownProperty().Match(Innermost(e)) is { Success: true } m ? m.Groups[1].Value : null;
                var field = lines.Where(kv => kv.Value == line).Select(kv => kv.Key)
                    .OrderByDescending(k => named is not null && (k == named || k.EndsWith("." + named, StringComparison.Ordinal)))
                    .ThenByDescending(k => k.Length).FirstOrDefault() ?? "";
                documents.Add(new Document(null, lines, start, new JobDefinitionError(file, line, field, Describe(e))) { UnknownFields = unknown });
                break; // the parser cannot resynchronise inside a broken document
            }
        }
        return documents;
    }

    /// <summary>
    /// The line of <paramref name="field"/>, or of its nearest parent that is present, or the document's first line.
    /// A list element's parent is the list (<c>after[1].job</c>, then <c>after[1]</c>, then <c>after</c>).
    /// </summary>
    public static int LineOf(Document document, string field)
    {
        ArgumentNullException.ThrowIfNull(document);
        for (var path = field; path.Length > 0; path = Parent(path))
        {
            if (document.Lines.TryGetValue(path, out var line)) return line;
        }
        return document.StartLine;
    }

    // A flow has steps; a job never does. Decided on the document's own keys, so a misspelt job field cannot make a flow.
    private static bool IsFlow(YamlNode root) =>
        root is YamlMappingNode map && map.Children.Keys.Any(k => k is YamlScalarNode { Value: "steps" });

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.EndsWith(']') ? path.LastIndexOf('[') : -1);
        return cut > 0 ? path[..cut] : "";
    }

    private static void Walk(YamlNode node, string path, Dictionary<string, int> lines)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var child = path.Length == 0 ? key.ToString() : $"{path}.{key}";
                    lines.TryAdd(child, (int)key.Start.Line);
                    Walk(value, child, lines);
                }
                break;
            case YamlSequenceNode seq:
                for (var i = 0; i < seq.Children.Count; i++)
                {
                    lines.TryAdd($"{path}[{i}]", (int)seq.Children[i].Start.Line);
                    Walk(seq.Children[i], $"{path}[{i}]", lines);
                }
                break;
        }
    }

    private static string Describe(YamlException e)
    {
        var inner = Innermost(e);
        var unknown = UnknownProperty().Match(inner);
        if (unknown.Success) return DefinitionText.Get("yaml.unknownField", unknown.Groups[1].Value);
        return DefinitionText.Get("yaml.invalidValue", inner);
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        var message = e.Message;
        var dash = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && dash > 0 ? message[(dash + 3)..] : message;
    }

    [GeneratedRegex("Property '([^']+)' not found on type")]
    private static partial Regex UnknownProperty();
}
