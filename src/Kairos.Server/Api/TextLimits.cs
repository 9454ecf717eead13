using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace Kairos.Server.Api;

/// <summary>
/// Refuses a request whose body holds a text longer than its field allows, before the endpoint sees it. Applies to
/// every bound request record (Kairos types named <c>*Request</c>), so a new endpoint is covered without remembering to be.
/// </summary>
internal static class TextLimits
{
    private static readonly Dictionary<string, int> ByField = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Reason"] = ApiLimits.Reason,
        ["Name"] = ApiLimits.Name,
        ["NameKo"] = ApiLimits.Name,
        ["User"] = ApiLimits.Name,
        ["Label"] = ApiLimits.Label,
        ["Owners"] = ApiLimits.Owner,
    };

    /// <summary>The first field that is too long, as a 400; null when every text fits.</summary>
    public static IResult? Check(object? body)
    {
        if (body?.GetType() is not { } type || type.Namespace?.StartsWith("Kairos.", StringComparison.Ordinal) != true || !type.Name.EndsWith("Request", StringComparison.Ordinal)) return null;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var longest = ByField.GetValueOrDefault(property.Name, ApiLimits.OtherText);
            var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            switch (property.GetValue(body))
            {
                case string text when text.Length > longest:
                    return Problems.Invalid(field, ApiText.Get("Field.TooLong", text.Length, longest));
                case IList list and IEnumerable<string> when list.Count > ApiLimits.OwnerCount:
                    return Problems.Invalid(field, ApiText.Get("Field.TooMany", list.Count, ApiLimits.OwnerCount));
                case IEnumerable<string> texts when texts.FirstOrDefault(t => t?.Length > longest) is { } tooLong:
                    return Problems.Invalid(field, ApiText.Get("Field.TooLong", tooLong.Length, longest));
            }
        }
        return null;
    }

    /// <summary>An endpoint filter that checks every argument bound from the request.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (Check(argument) is { } refused) return refused;
        }
        return await next(context);
    }
}
