using Kairos.Core.Access;

namespace Kairos.Server.Operations;

/// <summary>
/// Who carries out an operation: the signed-in caller (null when anonymous: name, role, owner scope) and how they came
/// in (address and channel), as the audit log records it.
/// </summary>
internal sealed record Actor(Caller? Caller, string Source)
{
    public string Name => Caller?.Name ?? "anonymous";

    public IReadOnlyList<string> Owners => Caller?.Owners ?? [];

    /// <summary>Called after each audit entry made for this actor, so the edge that called knows its request is recorded.</summary>
    public Action? Audited { get; init; }

    public bool IsAtLeast(Role role) => Caller?.IsAtLeast(role) == true;
}
