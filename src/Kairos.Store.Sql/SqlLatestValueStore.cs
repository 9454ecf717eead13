using Dapper;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

internal sealed class SqlLatestValueStore(SqlDialect dialect) : ILatestValueStore
{
    public Task PutAsync(IStoreTransaction transaction, LatestValue value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(value);
        // One statement on both databases: insert the key, or replace its value and count the update.
        return transaction.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO latest_values (consumer, message_key, value, business_date, message_id, topic, partition_no, message_offset, updated_at, updates)
            VALUES (@Consumer, @Key, @Value, @BusinessDate, @MessageId, @Topic, @Partition, @Offset, @at, 1)
            ON CONFLICT (consumer, message_key) DO UPDATE SET
                value = excluded.value, business_date = excluded.business_date, message_id = excluded.message_id, topic = excluded.topic,
                partition_no = excluded.partition_no, message_offset = excluded.message_offset, updated_at = excluded.updated_at,
                updates = latest_values.updates + 1
            """,
            new { value.Consumer, value.Key, value.Value, value.BusinessDate, value.MessageId, value.Topic, value.Partition, value.Offset, at = UnixTime.ToMs(value.UpdatedAt) },
            transaction.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<LatestValue>> ListAsync(string consumer, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT message_key, value, business_date, message_id, topic, partition_no, message_offset, updated_at, updates FROM latest_values WHERE consumer = @consumer ORDER BY message_key",
            new { consumer }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new LatestValue(consumer, r.message_key, r.value, r.business_date, r.message_id, r.topic, (int)r.partition_no, r.message_offset, UnixTime.FromMs(r.updated_at), r.updates))];
    }

#pragma warning disable IDE1006, CA1812 // column names; created by Dapper
    private sealed class Row
    {
        public string message_key { get; set; } = "";
        public string value { get; set; } = "";
        public string? business_date { get; set; }
        public string message_id { get; set; } = "";
        public string topic { get; set; } = "";
        public long partition_no { get; set; }
        public long message_offset { get; set; }
        public long updated_at { get; set; }
        public long updates { get; set; }
    }
#pragma warning restore IDE1006, CA1812
}
