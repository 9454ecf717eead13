namespace Kairos.Core.Ports;

/// <summary>Append-only: the product never edits or deletes an entry.</summary>
public interface IAuditStore
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditEntry>> ListAsync(string? target, int limit, CancellationToken cancellationToken = default);
}
