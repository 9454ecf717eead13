using Kairos.Core.Ports;

namespace Kairos.Server.Operations;

internal enum OutcomeCode { Done, Invalid, NotFound, Forbidden, Conflict, ApprovalRequired }

/// <summary>
/// What an operation did: done with its result, stored for a second person's approval, or refused with a code.
/// <see cref="Note"/> is the line an approval keeps as its outcome when the operation is carried out on approval.
/// </summary>
internal sealed record Outcome<T>
{
    private Outcome(OutcomeCode code, T? value, Refusal? refusal, ApprovalRecord? approval, string note) =>
        (Code, Value, Refusal, Approval, Note) = (code, value, refusal, approval, note);

    public OutcomeCode Code { get; }

    public T? Value { get; }

    public Refusal? Refusal { get; }

    public ApprovalRecord? Approval { get; }

    public string Note { get; }

    public bool IsDone => Code == OutcomeCode.Done;

    public static Outcome<T> Done(T value, string note = "") => new(OutcomeCode.Done, value, null, null, note);

    public static Outcome<T> Refused(Refusal refusal, string note = "") => new(refusal.Code, default, refusal, null, note);

    public static Outcome<T> AwaitingApproval(ApprovalRecord approval) => new(OutcomeCode.ApprovalRequired, default, null, approval, "");

    public static implicit operator Outcome<T>(Refusal refusal) => Refused(refusal);

    public Outcome<TOther> Map<TOther>(Func<T, TOther> map) => new(Code, IsDone ? map(Value!) : default, Refusal, Approval, Note);
}
