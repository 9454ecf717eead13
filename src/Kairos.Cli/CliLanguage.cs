using System.CommandLine;
using System.Globalization;

namespace Kairos.Cli;

/// <summary>
/// Korean or English: --lang when given, otherwise the environment (LC_ALL, LC_MESSAGES, LANG). It is chosen once,
/// from the raw arguments, before any command is built, because help texts are read from the resources as the
/// commands are built; System.CommandLine's own texts (Usage, Options, parse errors) follow the same choice.
/// </summary>
internal static class CliLanguage
{
    /// <summary>--lang, parsed with the rest so that help lists it; its value was already applied by <see cref="Apply"/>.</summary>
    public static Option<string?> Option() => new("--lang")
    {
        Description = CliText.Get("option.lang"),
        Recursive = true,
    };

    public static bool IsKorean => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ko";

    /// <summary>Sets the UI culture for this process from --lang in <paramref name="args"/> or the environment.</summary>
    public static void Apply(IReadOnlyList<string> args) => UiLanguage.Apply(FromArguments(args));

    private static string? FromArguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--") break;
            if (args[i] == "--lang" && i + 1 < args.Count) return args[i + 1];
            if (args[i].StartsWith("--lang=", StringComparison.Ordinal)) return args[i]["--lang=".Length..];
        }
        return null;
    }
}
