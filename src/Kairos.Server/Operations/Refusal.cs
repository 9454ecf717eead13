namespace Kairos.Server.Operations;

/// <summary>Why an operation was not carried out: a code for machines, a message for people, and per-field errors when invalid.</summary>
internal sealed record Refusal(OutcomeCode Code, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Refusal NotFound(string message) => new(OutcomeCode.NotFound, message);

    public static Refusal Conflict(string message) => new(OutcomeCode.Conflict, message);

    public static Refusal Forbidden(string message) => new(OutcomeCode.Forbidden, message);

    public static Refusal Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Refusal Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(OutcomeCode.Invalid, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")), errors);

    /// <summary>Every operator action carries a reason, recorded with it in the audit log, of a length every console can show.</summary>
    public static Refusal? ReasonMissing(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? Invalid("reason", ApiText.Get("Action.ReasonRequired"))
        : reason.Length > ApiLimits.Reason ? Invalid("reason", ApiText.Get("Field.TooLong", reason.Length, ApiLimits.Reason))
        : null;

    /// <summary>Null when the actor has the role; the same refusal the HTTP policies give otherwise.</summary>
    public static Refusal? RoleNeeded(Actor actor, Core.Access.Role role) => actor.IsAtLeast(role) ? null : Forbidden(ApiText.Get("Access.RoleNeeded"));
}
