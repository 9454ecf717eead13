using System.Text;

namespace Kairos.Server.Tests.Robustness;

/// <summary>
/// Malformed, oversized and out-of-range input for one operation: every bad word in every path and query parameter
/// (the others left real, so the bad one is what the endpoint judges), every bad value in every body property, bodies
/// of every broken shape, and a few random mixes from a fixed seed.
/// </summary>
internal sealed class FuzzInputs(int seed)
{
    /// <summary>Values for a path segment or a query parameter: the URL itself is limited, so at most a few kilobytes.</summary>
    public static readonly string[] Words =
    [
        "0001-01-01", "9999-12-31", "0000-00-00", "2026-02-30", "-1", "0", "9223372036854775807", "99999999999999999999",
        "1e309", "NaN", "true", " ", "..", "../../etc/passwd", "%00", "\u001b[31m", "\u202e", "' OR 1=1 --", "<script>",
        "99999999999d", new string('a', 5_000), "-100000000", "100000000",
    ];

    /// <summary>JSON values for one property of a body: wrong types, huge numbers, the ends of DateOnly, long texts, a YAML bomb.</summary>
    public static readonly string[] Values =
    [
        "null", "true", "-1", "1e308", "99999999999999999999999999", "1e999", "\"0001-01-01\"", "\"9999-12-31\"",
        "\"99999999999d\"", "[]", "{}", "\"\\u0000\\u001b[31m\"", "\"' OR 1=1 --\"", $"\"{new string('x', 1_000_000)}\"",
        Quote(Bounds.AliasBomb), "\"\"",
    ];

    private const int Mixes = 4;
    private readonly Random _random = new(seed);

    public IEnumerable<string> Urls(OpenApiOperation operation, IReadOnlyDictionary<string, string> real)
    {
        yield return Url(operation, real, null, null);
        foreach (var parameter in operation.PathParameters.Concat(operation.QueryParameters))
            foreach (var word in Words) yield return Url(operation, real, parameter, word);
        for (var i = 0; i < Mixes; i++)
            yield return Url(operation, new Dictionary<string, string>(), null, null, () => Words[_random.Next(Words.Length)]);
    }

    public IEnumerable<(string Body, string ContentType)> Bodies(OpenApiOperation operation)
    {
        var type = operation.BodyType ?? "application/json";
        foreach (var shape in Shapes()) yield return (shape, type);
        yield return (Bounds.AliasBomb, "application/yaml");
        var properties = operation.BodyProperties.Count > 0 ? operation.BodyProperties : ["reason", "id", "from", "to", "businessDate", "name"];
        // A reason is given beside each bad value, so that the bad value is what the endpoint judges.
        foreach (var property in properties)
            foreach (var value in Values) yield return (property == "reason" ? $"{{\"reason\":{value}}}" : $"{{\"reason\":\"fuzz\",\"{property}\":{value}}}", type);
        for (var i = 0; i < Mixes; i++)
            yield return ("{" + string.Join(",", properties.Where(_ => _random.Next(2) == 0).Select(p => $"\"{p}\":{Values[_random.Next(Values.Length)]}")) + "}", type);
    }

    private static IEnumerable<string> Shapes() =>
    [
        "", "null", "[]", "{", "\"text\"", "1e999", "{\"reason\":\"fuzz\"}",
        new string('[', 10_000) + new string(']', 10_000),
        string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000),
        Bounds.AliasBomb,
        $"{{\"reason\":\"{new string('r', 2 * 1024 * 1024)}\"}}",
    ];

    private static string Url(OpenApiOperation operation, IReadOnlyDictionary<string, string> real, string? bad, string? word, Func<string>? random = null)
    {
        string? ValueOf(string parameter) => parameter == bad ? word : random?.Invoke() ?? real.GetValueOrDefault(parameter);
        var path = operation.PathParameters.Aggregate(operation.Path, (p, name) => p.Replace("{" + name + "}", Uri.EscapeDataString(ValueOf(name) ?? "x"), StringComparison.Ordinal));
        var query = operation.QueryParameters.Select(q => (q, v: ValueOf(q))).Where(x => x.v is not null).Select(x => $"{x.q}={Uri.EscapeDataString(x.v!)}").ToList();
        return path.TrimStart('/') + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text) quoted.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", _ => c.ToString() });
        return quoted.Append('"').ToString();
    }
}
