namespace Kairos.Server;

/// <summary>
/// Human-readable API messages in the request's language (Resources/ApiText.resx, ApiText.ko.resx), chosen from
/// Accept-Language by the request localization middleware. Codes in problem responses never change with the language.
/// </summary>
internal static class ApiText
{
    private static readonly ResourceText Texts = new("Kairos.Server.Resources.ApiText", typeof(ApiText).Assembly);

    public static string Get(string key, params object[] args) => Texts.Get(key, args);
}
