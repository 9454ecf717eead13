using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kairos.Core.Reasons;

/// <summary>
/// A reason as the store keeps it, in a run's detail: <c>{"reason":"slot.movedTo","args":[{"reason":…},"2026-10-05 09:00:00"]}</c>.
/// A value argument is a string, a name is <c>{"en":…,"ko":…}</c>, a nested reason has the same shape as the whole.
/// Details written before reasons were codes are plain English text; they are not reasons and are shown as they are.
/// </summary>
public static class StoredReason
{
    private const string Marker = "{\"reason\":";

    public static string Write(Reason reason) => ToNode(reason).ToJsonString();

    /// <summary>The reason stored in <paramref name="detail"/>, or null when the detail is plain text.</summary>
    public static Reason? Read(string? detail)
    {
        if (detail is null || !detail.StartsWith(Marker, StringComparison.Ordinal)) return null;
        try
        {
            return JsonNode.Parse(detail) is JsonObject node ? FromNode(node) : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonObject ToNode(Reason reason) => new()
    {
        ["reason"] = reason.Code,
        ["args"] = new JsonArray([.. reason.Args.Select(ToNode)]),
    };

    private static JsonNode ToNode(ReasonArg arg) => arg switch
    {
        ValueArg v => JsonValue.Create(v.Value),
        NameArg n => new JsonObject { ["en"] = n.English, ["ko"] = n.Korean },
        NestedArg r => ToNode(r.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(arg), arg, "unknown reason argument"),
    };

    private static Reason? FromNode(JsonObject node)
    {
        if (node["reason"]?.GetValue<string>() is not { } code) return null;
        var args = new List<ReasonArg>();
        foreach (var item in node["args"] as JsonArray ?? [])
        {
            ReasonArg? arg = item switch
            {
                JsonValue value => value.GetValue<string>(),
                JsonObject nested when nested.ContainsKey("reason") => FromNode(nested) is { } r ? new NestedArg(r) : null,
                JsonObject name => new NameArg(name["en"]?.GetValue<string>() ?? "", name["ko"]?.GetValue<string>() ?? ""),
                _ => null,
            };
            if (arg is null) return null;
            args.Add(arg);
        }
        return new Reason(code, args);
    }
}
