namespace Kairos.Server.Operations;

/// <summary>Every gateable operation by name, for the approvals that carry them out later.</summary>
internal sealed class GatedOperations(IEnumerable<IGatedOperation> operations)
{
    private readonly Dictionary<string, IGatedOperation> _byName = operations.ToDictionary(o => o.Name, StringComparer.Ordinal);

    public IGatedOperation? Find(string name) => _byName.GetValueOrDefault(name);
}
