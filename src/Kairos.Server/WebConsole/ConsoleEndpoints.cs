using System.Collections;
using System.Globalization;
using System.Resources;
using Microsoft.Extensions.FileProviders;

namespace Kairos.Server.WebConsole;

/// <summary>
/// The web console: a page and its scripts embedded in the server (nothing else to start or deploy), and its texts
/// from Resources/ConsoleText.resx and ConsoleText.ko.resx, the same resource mechanism as the API's messages.
/// </summary>
internal static class ConsoleEndpoints
{
    private static readonly EmbeddedFileProvider Files = new(typeof(ConsoleEndpoints).Assembly, "Kairos.Server.WebConsole.wwwroot");
    private static readonly ResourceManager Texts = new("Kairos.Server.Resources.ConsoleText", typeof(ConsoleEndpoints).Assembly);

    // The page loads only its own scripts and styles and cannot be framed: injected markup has nothing to run.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static WebApplication UseKairosConsoleFiles(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            await next(context);
        });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = Files, RequestPath = "/console" });
        return app;
    }

    public static void MapConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Stream(Files.GetFileInfo("index.html").CreateReadStream(), "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/console/text/{language}", (string language) => Results.Json(TextsFor(language)))
            .AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Every console text in the language (ko or en), English where a translation is missing.</summary>
    public static SortedDictionary<string, string> TextsFor(string language)
    {
        var culture = language.StartsWith("ko", StringComparison.OrdinalIgnoreCase) ? CultureInfo.GetCultureInfo("ko") : CultureInfo.InvariantCulture;
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Texts.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!)
            result[(string)entry.Key] = Texts.GetString((string)entry.Key, culture) ?? (string)entry.Value!;
        return result;
    }
}
