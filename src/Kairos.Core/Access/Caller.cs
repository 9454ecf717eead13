namespace Kairos.Core.Access;

/// <summary>
/// Who is making a request, as far as permissions go. <see cref="Owners"/> empty means every job; otherwise an
/// operator may act only on jobs whose owner is listed (reading stays unrestricted, so a scoped operator can still
/// see what runs around their jobs).
/// </summary>
public sealed record Caller(string Name, Role Role, IReadOnlyList<string> Owners)
{
    public bool IsAtLeast(Role role) => Role >= role;

    /// <summary>Whether this caller may act on a job with the given owner.</summary>
    public bool MayActOn(string? jobOwner) =>
        Owners.Count == 0 || (jobOwner is not null && Owners.Contains(jobOwner, StringComparer.OrdinalIgnoreCase));
}
