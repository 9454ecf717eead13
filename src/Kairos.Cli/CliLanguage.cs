using System.CommandLine;

namespace Kairos.Cli;

/// <summary>Korean or English: --lang when given, otherwise the environment (LC_ALL, LC_MESSAGES, LANG).</summary>
internal static class CliLanguage
{
    public static readonly Option<string?> Lang = new("--lang")
    {
        Description = "ko or en (default: from LANG)",
        Recursive = true,
    };

    public static bool IsKorean(ParseResult parse)
    {
        var chosen = parse.GetValue(Lang)
            ?? new[] { "LC_ALL", "LC_MESSAGES", "LANG" }.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        return chosen?.StartsWith("ko", StringComparison.OrdinalIgnoreCase) == true;
    }
}
