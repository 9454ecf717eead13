using System.Globalization;
using Kairos.Core.Ports;
using Kairos.Server.Access;
using Microsoft.AspNetCore.Authorization;

namespace Kairos.Server.Api;

/// <summary>
/// Endpoints and operations record what they changed with its before and after; <see cref="RecordUnrecordedWrites"/>
/// records every other write attempt (refused ones included), so no mutating request goes unrecorded.
/// </summary>
internal static class RequestAudit
{
    /// <summary>
    /// Records every write to the API that its endpoint did not record itself, refused ones included. A signed-in
    /// caller's get a row each (they are attributable); writes without sign-in are counted and limited per address by
    /// <see cref="AnonymousWrites"/>. The path is the caller's text, so it is stored clipped and without control characters.
    /// </summary>
    public static async Task RecordUnrecordedWrites(HttpContext context, RequestDelegate next)
    {
        var watched = context.Request.IsWrite() && context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal);
        var anonymous = watched && context.User.Identity is not { IsAuthenticated: true } ? context.RequestServices.GetRequiredService<AnonymousWrites>() : null;
        // Sign-in endpoints have their own, stricter limit; everything else refuses anonymous writes anyway.
        if (anonymous is not null && NeedsSignIn(context) && !anonymous.TryAdmit(Address(context), out var retryAfter))
            await AnswerTooManyAsync(context, retryAfter);
        else
            await next(context);
        if (!watched || context.IsRecorded()) return;
        var status = context.Response.StatusCode;
        var action = $"http.{Clip(context.Request.Method, 16).ToLowerInvariant()}";
        var detail = string.Create(CultureInfo.InvariantCulture, $"answered {status}{(status >= 400 ? " (refused)" : "")}");
        if (anonymous is null || status < 400)
        {
            await context.AuditAsync(action, Clip(context.Request.Path.Value ?? "/", MaxPathLength), detail: detail);
            return;
        }
        var store = context.RequestServices.GetRequiredService<IKairosStore>();
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var rows = anonymous.Refused(Address(context), status, () => new AuditEntry(clock.GetUtcNow(), context.Actor(), action, Clip(context.Request.Path.Value ?? "/", MaxPathLength),
            Detail: $"{detail}; more refused writes without sign-in from this address are counted, then summed up in one entry a minute", Source: context.Source()));
        foreach (var row in rows) await store.Audit.AppendAsync(row, CancellationToken.None);
    }

    private const int MaxPathLength = 200;

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "local";

    private static bool NeedsSignIn(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null;

    private static Task AnswerTooManyAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: ApiText.Get("Title.Refused"), detail: ApiText.Get("Access.AnonymousWritesLimited", seconds),
            extensions: new Dictionary<string, object?> { ["code"] = "rate-limited" }).ExecuteAsync(context);
    }

    /// <summary>
    /// Caller-chosen text as the audit log keeps it: at most <paramref name="max"/> characters, control characters and
    /// surrogates replaced by '?' (no line breaks to fake entries, and no half of a pair left at the cut).
    /// </summary>
    internal static string Clip(string text, int max)
    {
        var clean = string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = char.IsControl(source[i]) || char.IsSurrogate(source[i]) ? '?' : source[i];
        });
        return clean.Length <= max ? clean : string.Concat(clean.AsSpan(0, max), "…");
    }
}
