using System.Globalization;

namespace Kairos;

/// <summary>
/// Korean or English for a command line, the POSIX way: the first of LC_ALL, LC_MESSAGES and LANG that is set and not
/// empty. .NET's own reading treats an empty LC_ALL as "C", which would turn a Korean terminal English.
/// </summary>
internal static class UiLanguage
{
    private static readonly string[] Variables = ["LC_ALL", "LC_MESSAGES", "LANG"];

    /// <summary>Sets this process's UI culture: ko-KR when <paramref name="chosen"/> (or else the environment) starts with "ko", English otherwise.</summary>
    public static void Apply(string? chosen)
    {
        chosen ??= Variables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        var culture = CultureInfo.GetCultureInfo(chosen?.StartsWith("ko", StringComparison.OrdinalIgnoreCase) == true ? "ko-KR" : "en");
        CultureInfo.DefaultThreadCurrentUICulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }
}
