namespace Kairos.Core;

/// <summary>
/// Why a slot runs, moves or is skipped, in the current UI culture (Resources/CoreText.resx, .ko.resx). The server
/// plans in English for what it stores; an API request plans again in its Accept-Language for what it shows.
/// </summary>
internal static class CoreText
{
    private static readonly ResourceText Texts = new("Kairos.Core.Resources.CoreText", typeof(CoreText).Assembly);

    public static string Get(string key, params object?[] args) => Texts.Get(key, args);
}
