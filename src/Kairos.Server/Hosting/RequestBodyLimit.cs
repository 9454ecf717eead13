using Kairos.Server.Api;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Kairos.Server.Hosting;

/// <summary>
/// Every request body is limited (<see cref="ApiLimits.RequestBody"/>, or the endpoint's own
/// <see cref="IRequestSizeLimitMetadata"/>), and one over it is answered 413 with a problem body, not a 500 or a
/// silently cut read. A declared length over the limit is refused before anything is read.
/// </summary>
internal static class RequestBodyLimit
{
    public static IApplicationBuilder UseKairosRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? ApiLimits.RequestBody;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        if (context.Request.ContentLength > limit)
        {
            await TooLarge(context, limit).ExecuteAsync(context);
            return;
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await TooLarge(context, limit).ExecuteAsync(context);
        }
    });

    private static IResult TooLarge(HttpContext context, long? limit)
    {
        // The rest of the body is not read; the connection closes after this answer rather than draining it.
        context.Response.Headers.Connection = "close";
        return Problems.TooLarge(ApiText.Get("Request.TooLarge", limit ?? ApiLimits.RequestBody));
    }
}
