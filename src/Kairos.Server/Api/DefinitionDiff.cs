using System.Text.Json.Nodes;
using Kairos.Client.Contracts;
using Kairos.Definitions;

namespace Kairos.Server.Api;

/// <summary>
/// Which fields differ between two definitions, as paths of the job schema (<c>schedule.cron</c>,
/// <c>action.command.env.TOKEN</c>). Lists compare whole; no value appears, so the summary needs no redaction.
/// </summary>
internal static class DefinitionDiff
{
    public static IReadOnlyList<string> Fields(JobDefinition before, JobDefinition after)
    {
        var changed = new List<string>();
        Compare(JsonNode.Parse(JobJson.Serialize(before)), JsonNode.Parse(JobJson.Serialize(after)), "", changed);
        return changed;
    }

    private static void Compare(JsonNode? before, JsonNode? after, string path, List<string> changed)
    {
        if (before is JsonObject b && after is JsonObject a)
        {
            foreach (var name in b.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                Compare(b[name], a[name], path.Length == 0 ? name : $"{path}.{name}", changed);
        }
        else if (!JsonNode.DeepEquals(before, after))
        {
            changed.Add(path);
        }
    }
}
