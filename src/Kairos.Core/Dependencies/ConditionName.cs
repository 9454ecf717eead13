using System.Text.RegularExpressions;

namespace Kairos.Core.Dependencies;

/// <summary>
/// The one rule for a condition's name, shared by the job schema, the API and the CLI: lower-case letters, digits, '.',
/// '_' and '-', starting with a letter or digit, at most 100 characters. Names go into URLs and logs unescaped.
/// </summary>
public static partial class ConditionName
{
    public const int MaxLength = 100;

    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
