using Kairos.Core.Ports;

namespace Kairos.Server.Access;

/// <summary>
/// Who is asking and from where, for the audit log, and whether the request's endpoint has recorded it already (the
/// writes it did not record are recorded by <c>RequestAudit</c>).
/// </summary>
internal static class RequestActor
{
    private const string RecordedKey = "kairos.audited";

    public static string Actor(this HttpContext context) => context.Caller()?.Name ?? "anonymous";

    /// <summary>The caller's address and how it came in: the console's session, an API token, or nothing.</summary>
    public static string Source(this HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "local";
        var channel = context.User.Identity is not { IsAuthenticated: true } identity ? "anonymous"
            : identity.AuthenticationType switch
            {
                AccessSchemes.Token => $"token {context.User.FindFirst(KairosClaims.TokenId)?.Value}",
                AccessSchemes.Session => "console",
                var other => other?.ToLowerInvariant() ?? "signed-in",
            };
        var agent = context.Request.Headers.UserAgent.ToString();
        return agent.StartsWith("kairos-cli", StringComparison.Ordinal) ? $"{address} {channel} (cli)" : $"{address} {channel}";
    }

    /// <summary>Whether the request may change something: any method but GET, HEAD and OPTIONS.</summary>
    public static bool IsWrite(this HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    /// <summary>
    /// Records an entry for this request. Not cancelled with the request: by the time it is called the change has been
    /// made, and a caller hanging up must not leave it unrecorded.
    /// </summary>
    public static async Task AuditAsync(this HttpContext context, string action, string target, string? reason = null, string? detail = null, string? before = null, string? after = null)
    {
        var store = context.RequestServices.GetRequiredService<IKairosStore>();
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        await store.Audit.AppendAsync(new AuditEntry(clock.GetUtcNow(), context.Actor(), action, target, reason, detail, 0, context.Source(), before, after), CancellationToken.None);
        context.MarkRecorded();
    }

    /// <summary>Says that this request has its audit entry, made here or by an operation it called.</summary>
    public static void MarkRecorded(this HttpContext context) => context.Items[RecordedKey] = true;

    public static bool IsRecorded(this HttpContext context) => context.Items.ContainsKey(RecordedKey);
}
