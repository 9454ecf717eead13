using System.Text.RegularExpressions;

namespace Kairos.Core.Secrets;

/// <summary>
/// Which names (of environment variables, headers, query parameters, fields) hold credentials. Names are read as
/// words (<c>DB_PASSWORD</c>, <c>clientSecret</c>, <c>X-Api-Key</c>), so <c>key</c> matches <c>API_KEY</c> but not
/// <c>MONKEY</c> or <c>KEYBOARD</c>. A false alarm only hides a harmless value from viewers; a miss shows a secret.
/// </summary>
public static partial class SensitiveNames
{
    // Matched inside a word too: DBPASSWORD, accesstoken, clientsecret.
    private static readonly string[] Fragments = ["password", "passwd", "passphrase", "secret", "token", "credential", "apikey", "privatekey", "accesskey"];

    private static readonly string[] Headers = ["authorization", "proxy-authorization", "cookie", "set-cookie"];

    // Query parameters that sign or authorize a request: ?sig=, ?signature=, ?auth=.
    private static readonly string[] QueryWords = ["auth", "sig", "signature"];

    public static bool IsSensitive(string? name) =>
        Words(name).Any(w => w is "key" or "keys" || Fragments.Any(f => w.Contains(f, StringComparison.Ordinal)));

    public static bool IsSensitiveHeader(string? name) =>
        name is not null && (Headers.Contains(name.Trim().ToLowerInvariant()) || IsSensitive(name) || Words(name).Any(w => w is "auth" or "signature" or "session"));

    public static bool IsSensitiveQueryParameter(string? name) =>
        IsSensitive(name) || Words(name).Any(w => QueryWords.Contains(w));

    /// <summary>
    /// For names found in free text (logs, details): as for headers, except a bare <c>key</c>, which in logs is far more
    /// often a message or sort key than a credential. <c>api_key</c>, <c>secret_key</c> and the like still count.
    /// </summary>
    public static bool IsSensitiveInText(string? name) =>
        IsSensitiveHeader(name) && !Words(name).SequenceEqual(["key"]) && !Words(name).SequenceEqual(["keys"]);

    /// <summary>Lower-case words: split at anything not a letter or digit, and where a lower-case letter meets an upper-case one.</summary>
    internal static IEnumerable<string> Words(string? name) =>
        name is null ? [] : WordPattern().Matches(name).Select(m => m.Value.ToLowerInvariant());

    [GeneratedRegex("[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")]
    private static partial Regex WordPattern();
}
