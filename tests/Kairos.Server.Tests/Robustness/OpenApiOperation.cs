using System.Text.Json;

namespace Kairos.Server.Tests.Robustness;

/// <summary>One operation of the server's OpenAPI description: what the fuzzer may vary.</summary>
internal sealed record OpenApiOperation(string Method, string Path, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters,
    string? BodyType, IReadOnlyList<string> BodyProperties, IReadOnlySet<int> Responses)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>Every operation in the description, in a stable order (writes that delete last, so the others still find what they probe).</summary>
    public static IReadOnlyList<OpenApiOperation> Read(JsonElement document)
    {
        var schemas = document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s) ? s : default;
        var operations = new List<OpenApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "put" or "post" or "delete" or "patch"))
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                string Name(JsonElement x) => x.GetProperty("name").GetString()!;
                bool In(JsonElement x, string where) => x.GetProperty("in").GetString() == where;
                var (bodyType, properties) = Body(operation.Value, schemas);
                var responses = operation.Value.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
                operations.Add(new(operation.Name.ToUpperInvariant(), path.Name,
                    parameters.Where(x => In(x, "path")).Select(Name).ToList(), parameters.Where(x => In(x, "query")).Select(Name).ToList(), bodyType, properties, responses));
            }
        }
        return operations.OrderBy(o => o.Method == "DELETE").ThenBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal).ToList();
    }

    // Writes without a described body still get bodies: a missing description must not mean an untested one.
    private static (string? Type, IReadOnlyList<string> Properties) Body(JsonElement operation, JsonElement schemas)
    {
        if (!operation.TryGetProperty("requestBody", out var body) || !body.TryGetProperty("content", out var content)) return (null, []);
        var (type, media) = content.EnumerateObject().Select(c => (c.Name, c.Value)).First();
        if (!media.TryGetProperty("schema", out var schema)) return (type, []);
        if (schema.TryGetProperty("$ref", out var reference) && schemas.ValueKind == JsonValueKind.Object)
            schemas.TryGetProperty(reference.GetString()!.Split('/')[^1], out schema);
        var properties = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var props) ? props.EnumerateObject().Select(x => x.Name).ToList() : [];
        return (type, properties);
    }
}
