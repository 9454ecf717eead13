using Kairos.Core.Ports;
using Kairos.Core.Secrets;

namespace Kairos.Server.Api;

/// <summary>
/// An audit entry as a caller who is not an admin sees it: job definitions in before and after redacted like the jobs
/// API, credential shapes masked elsewhere, and a failed sign-in without its reason, which would tell which user
/// names exist and which accounts are locked.
/// </summary>
internal static class AuditRedaction
{
    public const string SignInFailed = "auth.login-failed";

    public static AuditEntry Redact(AuditEntry entry) => entry with
    {
        Reason = Text(entry.Reason),
        Detail = entry.Action == SignInFailed ? ApiText.Get("Audit.SignInFailed") : Text(entry.Detail),
        Before = State(entry.Action, entry.Before),
        After = State(entry.Action, entry.After),
    };

    private static string? State(string action, string? state) =>
        state is null ? null : action.StartsWith("job.", StringComparison.Ordinal) && state.TrimStart().StartsWith('{') ? DefinitionRedaction.RedactJson(state) : TextRedaction.Redact(state);

    private static string? Text(string? text) => text is null ? null : TextRedaction.Redact(text);
}
