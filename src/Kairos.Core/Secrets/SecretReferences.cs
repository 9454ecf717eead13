using System.Text;
using System.Text.RegularExpressions;

namespace Kairos.Core.Secrets;

/// <summary>
/// Finds secret references in a field's text. Only the schemes <c>env</c>, <c>file</c> and <c>secret</c> are references;
/// any other <c>${…}</c> (a shell's <c>${HOME}</c> or <c>${VAR:-x}</c>) is text and stays as written.
/// </summary>
public static partial class SecretReferences
{
    /// <summary>The references in <paramref name="text"/>, in order; malformed ones are left out (see <see cref="Malformed"/>).</summary>
    public static IReadOnlyList<SecretReference> In(string? text) =>
        text is null ? [] : [.. Candidates().Matches(text).Select(Parse).OfType<SecretReference>()];

    public static bool Contains(string? text) => In(text).Count > 0;

    /// <summary>
    /// Texts that use a secret scheme with a name it cannot have, such as <c>${env:my var}</c> or
    /// <c>${secret:../x}</c>: a validator refuses them rather than pass them on as literal text.
    /// </summary>
    public static IReadOnlyList<string> Malformed(string? text) =>
        text is null ? [] : [.. Candidates().Matches(text).Where(m => IsScheme(m.Groups["scheme"].Value) && Parse(m) is null).Select(m => m.Value)];

    /// <summary>Whether the text is nothing but references and separators (<c>${env:USER}:${env:PASSWORD}</c>): nothing in it is secret.</summary>
    public static bool IsOnlyReferences(string? text) =>
        !string.IsNullOrEmpty(text) && Contains(text) && Candidates().Replace(text, m => Parse(m) is null ? m.Value : "").All(c => !char.IsLetterOrDigit(c));

    /// <summary>Replaces each reference with what <paramref name="value"/> gives; a null leaves it as written.</summary>
    public static string Replace(string text, Func<SecretReference, string?> value)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(value);
        return Candidates().Replace(text, m => Parse(m) is { } reference ? value(reference) ?? m.Value : m.Value);
    }

    /// <summary>The reference's text with every literal part around it replaced: keeps <c>Bearer ${env:T}</c> readable.</summary>
    public static string KeepOnlyReferences(string text, string mask)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new StringBuilder();
        var at = 0;
        foreach (Match m in Candidates().Matches(text))
        {
            if (Parse(m) is null) continue;
            kept.Append(LiteralPart(text[at..m.Index], mask)).Append(m.Value);
            at = m.Index + m.Length;
        }
        return kept.Append(LiteralPart(text[at..], mask)).ToString();
    }

    // Separators and an authorization scheme ("Bearer ") carry nothing secret; any other literal part might.
    private static string LiteralPart(string literal, string mask) =>
        literal.All(c => !char.IsLetterOrDigit(c)) || AuthScheme().IsMatch(literal) ? literal : mask;

    private static bool IsScheme(string scheme) => scheme is "env" or "file" or "secret";

    private static SecretReference? Parse(Match m)
    {
        var name = m.Groups["name"].Value;
        return m.Groups["scheme"].Value switch
        {
            "env" when EnvName().IsMatch(name) => new SecretReference(SecretScheme.Env, name),
            "file" when name.StartsWith('/') && !name.Split('/').Contains("..") => new SecretReference(SecretScheme.File, name),
            "secret" when SecretName().IsMatch(name) && !name.Split('/').Any(s => s is "." or "..") => new SecretReference(SecretScheme.Secret, name),
            _ => null,
        };
    }

    [GeneratedRegex(@"\$\{(?<scheme>[a-z]+):(?<name>[^}\r\n]*)\}")]
    private static partial Regex Candidates();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();

    [GeneratedRegex("^[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^\s*(Bearer|Basic|Token|Digest|ApiKey)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex AuthScheme();
}
