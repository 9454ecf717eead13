using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

/// <summary>External conditions by name and business date.</summary>
internal sealed class SqlConditionStore(SqlDialect dialect) : IConditionStore
{
    public Task<bool> SetAsync(ConditionRecord condition, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<bool> RemoveAsync(string name, DateOnly businessDate, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<IReadOnlyList<ConditionRecord>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<IReadOnlyList<ConditionRecord>> SetSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    internal SqlDialect Dialect => dialect;
}
