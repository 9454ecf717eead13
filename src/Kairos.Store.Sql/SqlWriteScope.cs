using System.Data.Common;

namespace Kairos.Store.Sql;

/// <summary>An open connection with a write transaction; disposing without commit rolls back and releases any writer gate.</summary>
public sealed class SqlWriteScope(DbConnection connection, DbTransaction transaction, IDisposable? gate) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public Task CommitAsync(CancellationToken cancellationToken = default) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
        gate?.Dispose();
    }
}
