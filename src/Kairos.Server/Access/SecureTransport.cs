
namespace Kairos.Server.Access;

/// <summary>
/// With secure cookies on, a session and its CSRF cookie can only be set over HTTPS. A plain-HTTP request that would
/// set one gets a 400 that says so, rather than the framework's exception; behind a proxy that ends TLS, the request
/// counts as HTTPS once the proxy is listed as known and says X-Forwarded-Proto: https.
/// </summary>
internal static class SecureTransport
{
    public static IResult? Refusal(HttpContext http) =>
        http.RequestServices.GetRequiredService<AccessOptions>().SecureCookies && !http.Request.IsHttps
            ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: ApiText.Get("Title.Refused"), detail: ApiText.Get("Access.HttpsRequired"),
                extensions: new Dictionary<string, object?> { ["code"] = "https-required" })
            : null;
}
