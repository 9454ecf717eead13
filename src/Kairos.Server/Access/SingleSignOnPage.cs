using System.Text.Encodings.Web;

namespace Kairos.Server.Access;

/// <summary>
/// The page a browser lands on when a sign-in through the provider ends without a session: the browser came back
/// from the provider, so it gets a page in its language, not a problem document, with the way back to the console.
/// </summary>
internal static class SingleSignOnPage
{
    public static Task WriteAsync(HttpResponse response, int status, string message)
    {
        var html = HtmlEncoder.Default;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        return response.WriteAsync($"""
            <!doctype html>
            <html lang="{html.Encode(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{html.Encode(ApiText.Get("Sso.RefusedTitle"))}</title><link rel="stylesheet" href="/console/style.css"></head>
            <body><main id="main"><section class="sso-refused">
            <h1>{html.Encode(ApiText.Get("Sso.RefusedTitle"))}</h1>
            <p id="sso-message">{html.Encode(message)}</p>
            <p><a href="/">{html.Encode(ApiText.Get("Sso.BackToConsole"))}</a></p>
            </section></main></body></html>
            """);
    }

    public static string Message(SingleSignOnRefusal refusal, string provider, string name) => refusal switch
    {
        SingleSignOnRefusal.NoMappedGroup => ApiText.Get("Sso.NoMappedGroup", provider),
        SingleSignOnRefusal.NameInvalid => ApiText.Get("Sso.NameInvalid", provider, name),
        SingleSignOnRefusal.NameTakenByLocalUser => ApiText.Get("Sso.NameTaken", name),
        _ => ApiText.Get("Sso.Disabled", name),
    };
}
