using System.Globalization;
using System.Resources;

namespace Kairos.Cli;

/// <summary>
/// Everything the CLI prints for people, in the language <see cref="CliLanguage"/> chose (Resources/CliText.resx,
/// CliText.ko.resx). What scripts read stays as it is: --json output, dates, ids, state codes given to --state.
/// </summary>
internal static class CliText
{
    private static readonly ResourceManager Resources = new("Kairos.Cli.Resources.CliText", typeof(CliText).Assembly);

    public static string Get(string key, params object?[] args)
    {
        var text = Resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new KeyNotFoundException($"no CLI text '{key}'");
        return args.Length == 0 ? text : string.Format(CultureInfo.InvariantCulture, text, args);
    }

    /// <summary>A run or approval state in words (state.failed → 실패 in Korean); an unknown code is shown as it is.</summary>
    public static string State(string code) => Resources.GetString("state." + code, CultureInfo.CurrentUICulture) ?? code;

    /// <summary>Why a slot is skipped (reason.held → 보류 in Korean); an unknown code is shown as it is.</summary>
    public static string Reason(string? code) => code is null ? "" : Resources.GetString("reason." + code, CultureInfo.CurrentUICulture) ?? code;

    /// <summary>"yes" or "no" in the CLI's language.</summary>
    public static string YesNo(bool value) => Get(value ? "common.yes" : "common.no");
}
