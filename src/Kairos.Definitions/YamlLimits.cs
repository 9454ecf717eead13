using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kairos.Definitions;

/// <summary>
/// Refuses YAML that would cost far more to load than its size suggests, before anything builds it: a text longer
/// than <see cref="MaxChars"/>, nesting deeper than <see cref="MaxDepth"/> (the loaders recurse) and aliases that
/// expand a document past <see cref="MaxNodes"/> nodes (a few hundred bytes of "billion laughs" otherwise fill
/// gigabytes). Reads the event stream only, whose memory does not grow with expansion or depth.
/// </summary>
public static class YamlLimits
{
    public const int MaxChars = 1024 * 1024;
    public const int MaxDepth = 64;
    public const long MaxNodes = 100_000;

    /// <summary>The first limit the text breaks, as a definition error; null when it keeps them all.</summary>
    public static JobDefinitionError? Check(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxChars) return new(file, null, "", DefinitionText.Get("yaml.tooLarge", MaxChars));
        try
        {
            return Scan(new Parser(new StringReader(text)), file);
        }
        catch (YamlException)
        {
            return null; // not YAML at all: the loader reports it with its own words
        }
    }

    private sealed class OpenCollection(AnchorName anchor)
    {
        public AnchorName Anchor { get; } = anchor;
        public long Nodes { get; set; } = 1; // itself and, so far, every node it holds with aliases expanded
    }

    private static JobDefinitionError? Scan(IParser parser, string file)
    {
        var open = new Stack<OpenCollection>();
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            var (nodes, anchor) = current switch
            {
                Scalar scalar => (1L, scalar.Anchor),
                AnchorAlias alias => (anchors.GetValueOrDefault(alias.Value.Value, 1), AnchorName.Empty),
                MappingEnd or SequenceEnd => (open.Peek().Nodes, open.Pop().Anchor),
                _ => (0L, AnchorName.Empty),
            };
            if (current is DocumentStart) anchors.Clear(); // anchors are scoped to one document
            if (current is MappingStart or SequenceStart)
            {
                open.Push(new OpenCollection(((NodeEvent)current).Anchor));
                if (open.Count > MaxDepth) return new(file, (int)current.Start.Line, "", DefinitionText.Get("yaml.tooDeep", MaxDepth));
            }
            if (nodes == 0) continue;
            if (!anchor.IsEmpty) anchors[anchor.Value] = nodes;
            if (open.TryPeek(out var parent)) nodes = parent.Nodes += nodes;
            if (nodes > MaxNodes) return new(file, (int)current.Start.Line, "", DefinitionText.Get("yaml.aliasExpansion", MaxNodes));
        }
        return null;
    }
}
