using System.Data.Common;
using Dapper;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

internal sealed class SqlInboxStore(SqlDialect dialect) : IInboxStore
{
    public async Task<bool> ProcessOnceAsync(InboxMessage message, Func<IStoreTransaction, CancellationToken, Task> handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(handle);
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        // The insert comes first: on PostgreSQL a second node processing the same message waits here on the key and
        // then finds it taken, rather than both running the handler.
        var recorded = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inbox (consumer, message_id, topic, partition_no, message_offset, processed_at) " +
            "VALUES (@Consumer, @MessageId, @Topic, @Partition, @Offset, @at) ON CONFLICT (consumer, message_id) DO NOTHING",
            new { message.Consumer, message.MessageId, message.Topic, message.Partition, message.Offset, at = UnixTime.ToMs(message.At) },
            scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (recorded == 0) return false;
        await handle(new OpenTransaction(scope.Connection, scope.Transaction, dialect.Name), cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> ContainsAsync(string consumer, string messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM inbox WHERE consumer = @consumer AND message_id = @messageId",
            new { consumer, messageId }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    public async Task<long> CountAsync(string consumer, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM inbox WHERE consumer = @consumer",
            new { consumer }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed record OpenTransaction(DbConnection Connection, DbTransaction Transaction, string Dialect) : IStoreTransaction;
}
