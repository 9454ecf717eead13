namespace Kairos.Core.Ports;

/// <summary>
/// External conditions: named facts for a business date ("core-banking EOD file arrived for 2026-11-30") that steps
/// wait for in their <c>after</c>, set by an operator, another service through the API, or a message.
/// </summary>
public interface IConditionStore
{
    /// <summary>Sets a condition; false when it was already set (the first setting is kept, as it is what released any waiting run).</summary>
    Task<bool> SetAsync(ConditionRecord condition, CancellationToken cancellationToken = default);

    /// <summary>Removes a condition; false when it was not set. Runs already released by it are not called back.</summary>
    Task<bool> RemoveAsync(string name, DateOnly businessDate, CancellationToken cancellationToken = default);

    /// <summary>Conditions for business dates in [from, to], by date then name.</summary>
    Task<IReadOnlyList<ConditionRecord>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>Conditions set at or after <paramref name="since"/>: the dates dependency runs of condition-only jobs are created for.</summary>
    Task<IReadOnlyList<ConditionRecord>> SetSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);
}

/// <summary>A condition as stored: its name and business date, who set it, when and why.</summary>
public sealed record ConditionRecord(string Name, DateOnly BusinessDate, DateTimeOffset SetAt, string SetBy, string? Reason = null);
