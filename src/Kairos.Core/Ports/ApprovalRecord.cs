namespace Kairos.Core.Ports;

public enum ApprovalState { Pending, Approved, Rejected, Expired }

/// <summary>
/// An action held back until a second person approves it (four eyes). <see cref="Payload"/> is the request as the
/// action reads it, so approving carries out exactly what was asked and previewed; <see cref="Outcome"/> says what
/// happened when it was carried out.
/// </summary>
public sealed record ApprovalRecord(
    long Id,
    string Action,
    string Target,
    string Payload,
    string Summary,
    string RequestedBy,
    string? Reason,
    DateTimeOffset RequestedAt,
    ApprovalState State = ApprovalState.Pending,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? DecisionReason = null,
    string? Outcome = null);

public interface IApprovalStore
{
    Task<long> AddAsync(ApprovalRecord approval, CancellationToken cancellationToken = default);

    Task<ApprovalRecord?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Newest first; all states when <paramref name="state"/> is null.</summary>
    Task<IReadOnlyList<ApprovalRecord>> ListAsync(ApprovalState? state, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a pending approval to <paramref name="to"/>; false when it is no longer pending, so two people deciding at
    /// once cannot both carry it out.
    /// </summary>
    Task<bool> DecideAsync(long id, ApprovalState to, string decidedBy, string? reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task SetOutcomeAsync(long id, string outcome, CancellationToken cancellationToken = default);

    /// <summary>Expires approvals requested before <paramref name="requestedBefore"/> that are still pending; returns how many.</summary>
    Task<int> ExpireAsync(DateTimeOffset requestedBefore, DateTimeOffset at, CancellationToken cancellationToken = default);
}
