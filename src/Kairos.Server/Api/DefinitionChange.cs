using Kairos.Core.Ports;
using Kairos.Server.Access;

namespace Kairos.Server.Api;

/// <summary>
/// Who changes a job through the API and why: the caller, and the optional <c>reason</c> query parameter of PUT and
/// DELETE (the body of a PUT is the definition itself), as a calendar override's revert takes it.
/// </summary>
internal static class DefinitionChange
{
    public static JobChange Of(HttpContext http, string? reason) =>
        new(http.Actor(), string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());

    public static IResult? ReasonTooLong(string? reason) =>
        reason?.Length > ApiLimits.Reason ? Problems.Invalid("reason", ApiText.Get("Field.TooLong", reason.Length, ApiLimits.Reason)) : null;
}
