namespace Kairos.Server.Api;

/// <summary>Who is asking, for the audit log: the X-Kairos-Actor header and the caller's address.</summary>
internal static class Operator
{
    public static string Of(HttpContext context)
    {
        var name = context.Request.Headers["X-Kairos-Actor"].FirstOrDefault();
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "local";
        return $"{(string.IsNullOrWhiteSpace(name) ? "anonymous" : name.Trim())}@{address}";
    }
}
