using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Kairos.Examples.PartnerStub;

/// <summary>
/// A partner institution that quotes FX rates, with the misbehaviour a relay must survive chosen by the pair's name:
/// <c>SLOW…</c> answers after 3 s, <c>DOWN…</c> always 503, <c>FLAKY…</c> 503 twice per request then a rate, <c>JUNK…</c>
/// 200 with an HTML page. Every call is recorded, so tests can count what reached the partner and when.
/// </summary>
public sealed class PartnerStub
{
    private static readonly Dictionary<string, decimal> Mid = new(StringComparer.Ordinal)
    {
        ["USDKRW"] = 1391.50m, ["JPYKRW"] = 9.12m, ["EURKRW"] = 1602.30m, ["CNYKRW"] = 195.40m, ["GBPKRW"] = 1821.75m,
    };

    private readonly ConcurrentDictionary<string, int> _triesByRequest = new(StringComparer.Ordinal);

    /// <summary>Every call in arrival order: when, the pair, the correlation id.</summary>
    public ConcurrentQueue<(DateTimeOffset At, string Pair, string? CorrelationId)> Calls { get; } = new();

    public async Task<IResult> QuoteAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Quote? quote;
        try { quote = await JsonSerializer.DeserializeAsync<Quote>(request.Body, JsonSerializerOptions.Web, request.HttpContext.RequestAborted); }
        catch (JsonException) { return Results.BadRequest(new { error = "the body is not a JSON quote request" }); }
        if (quote?.Pair is not { Length: > 0 } pair) return Results.BadRequest(new { error = "pair is required" });
        var correlation = request.Headers["correlation-id"].FirstOrDefault();
        Calls.Enqueue((DateTimeOffset.UtcNow, pair, correlation));
        var tries = _triesByRequest.AddOrUpdate(correlation ?? Guid.NewGuid().ToString(), 1, (_, n) => n + 1);

        if (pair.StartsWith("SLOW", StringComparison.Ordinal)) await Task.Delay(TimeSpan.FromSeconds(3), request.HttpContext.RequestAborted);
        if (pair.StartsWith("DOWN", StringComparison.Ordinal)) return Results.StatusCode(503);
        if (pair.StartsWith("FLAKY", StringComparison.Ordinal) && tries <= 2) return Results.StatusCode(503);
        if (pair.StartsWith("JUNK", StringComparison.Ordinal)) return Results.Text("<html><body>Service temporarily unavailable</body></html>", "text/html");
        return Results.Json(new { pair, date = quote.Date, rate = Rate(pair, quote.Date), quotedAt = DateTimeOffset.UtcNow });
    }

    // A rate that moves a little by date, so each business day's rate differs and a repeat gives the same answer.
    private static decimal Rate(string pair, string? date)
    {
        var mid = Mid.GetValueOrDefault(pair, 100m);
        var day = DateOnly.TryParse(date, CultureInfo.InvariantCulture, out var d) ? d.DayNumber : 0;
        return Math.Round(mid * (1 + (((day * 7919) % 200) - 100) / 10000m), 2);
    }

    private sealed record Quote(string? Pair, string? Date);
}

public static class PartnerStubEndpoints
{
    /// <summary>Serves <paramref name="partner"/> at <paramref name="url"/> (such as a free loopback port), without logging: for tests and benchmarks.</summary>
    public static async Task<WebApplication> StartAsync(PartnerStub partner, string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.MapPartner(partner);
        await app.StartAsync();
        return app;
    }

    public static void MapPartner(this IEndpointRouteBuilder app, PartnerStub partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        app.MapPost("/rates", partner.QuoteAsync);
        app.MapGet("/calls", () => partner.Calls.Select(c => new { c.At, c.Pair, c.CorrelationId }));
    }
}
