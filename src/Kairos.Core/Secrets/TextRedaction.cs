using System.Text.RegularExpressions;

namespace Kairos.Core.Secrets;

/// <summary>
/// Hides credentials in free text by their shape: URLs with user-info or key-like parameters, <c>name=value</c>,
/// <c>name: value</c> and <c>"name": "value"</c> where the name is a credential's, and bearer tokens. Used on log lines,
/// audit details and command arguments shown to callers who are not admins; what it misses, masking at write catches
/// when the value came from a reference.
/// </summary>
public static partial class TextRedaction
{
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        text = UrlPattern().Replace(text, m => UrlRedaction.Redact(m.Value));
        text = NamedValue().Replace(text, m => SensitiveNames.IsSensitiveInText(m.Groups["name"].Value) ? MaskGroup(m, m.Groups["qv"].Success ? m.Groups["qv"] : m.Groups["v"]) : m.Value);
        return BearerToken().Replace(text, m => MaskGroup(m, m.Groups["token"]));
    }

    private static string MaskGroup(Match m, Group value)
    {
        var start = value.Index - m.Index;
        return m.Value[..start] + Redaction.Value(value.Value) + m.Value[(start + value.Length)..];
    }

    [GeneratedRegex(@"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s""'<>]+")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?<name>[A-Za-z_][A-Za-z0-9_.-]*)[""']?\s*[:=]\s*(?:(?<q>[""'])(?<qv>[^""'\r\n]*)\k<q>|(?:(?:Bearer|Basic|Token|Digest)\s+)?(?<v>[^\s""',;&]+))", RegexOptions.IgnoreCase)]
    private static partial Regex NamedValue();

    [GeneratedRegex(@"\b(?:Bearer|Basic)\s+(?<token>[A-Za-z0-9._~+/=-]{8,})")]
    private static partial Regex BearerToken();
}
