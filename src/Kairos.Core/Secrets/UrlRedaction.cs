namespace Kairos.Core.Secrets;

/// <summary>
/// Hides the credentials a URL carries: its user-info (<c>https://user:pw@host</c>) and the values of key-like query
/// parameters (<c>?apikey=…</c>, <c>&amp;sig=…</c>). References stay, since they are not secret.
/// </summary>
public static class UrlRedaction
{
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        var authorityEnd = schemeEnd < 0 ? 0 : IndexOfAny(url, authorityStart, '/', '?', '#');
        var at = url.LastIndexOf('@', Math.Max(authorityEnd - 1, 0), authorityEnd - authorityStart);
        var head = at < authorityStart || schemeEnd < 0 ? url[..authorityEnd] : url[..authorityStart] + Redaction.Value(url[authorityStart..at]) + url[at..authorityEnd];
        var queryStart = url.IndexOf('?', authorityEnd);
        if (queryStart < 0) return head + url[authorityEnd..];
        var fragment = IndexOfAny(url, queryStart, '#');
        var query = url[(queryStart + 1)..fragment].Split('&').Select(Parameter);
        return head + url[authorityEnd..(queryStart + 1)] + string.Join('&', query) + url[fragment..];
    }

    private static string Parameter(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0 || !SensitiveNames.IsSensitiveQueryParameter(Uri.UnescapeDataString(pair[..equals]))) return pair;
        var value = pair[(equals + 1)..];
        return value.Length == 0 ? pair : pair[..(equals + 1)] + Redaction.Value(value);
    }

    private static int IndexOfAny(string text, int start, params char[] chars)
    {
        var i = text.IndexOfAny(chars, start);
        return i < 0 ? text.Length : i;
    }
}
