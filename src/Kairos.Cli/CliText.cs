namespace Kairos.Cli;

/// <summary>
/// Everything the CLI prints for people, in the language <see cref="CliLanguage"/> chose (Resources/CliText.resx,
/// CliText.ko.resx). What scripts read stays as it is: --json output, dates, ids, state codes given to --state.
/// </summary>
internal static class CliText
{
    private static readonly ResourceText Texts = new("Kairos.Cli.Resources.CliText", typeof(CliText).Assembly);

    public static string Get(string key, params object?[] args) => Texts.Get(key, args);

    /// <summary>A run or approval state in words (state.failed → 실패 in Korean); an unknown code is shown as it is.</summary>
    public static string State(string code) => Texts.Find("state." + code) ?? code;

    /// <summary>Why a slot is skipped (reason.held → 보류 in Korean); an unknown code is shown as it is.</summary>
    public static string Reason(string? code) => code is null ? "" : Texts.Find("reason." + code) ?? code;

    /// <summary>"yes" or "no" in the CLI's language.</summary>
    public static string YesNo(bool value) => Get(value ? "common.yes" : "common.no");
}
