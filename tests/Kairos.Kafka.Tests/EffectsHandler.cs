using Dapper;
using Kairos.Core.Ports;
using Kairos.Kafka.Consuming;

namespace Kairos.Kafka.Tests;

/// <summary>
/// Writes one row per handled message, with no unique key, so a double effect would show as a second row. Messages
/// whose value starts with "poison" always throw.
/// </summary>
internal sealed class EffectsHandler : IMessageHandler
{
    public const string Table = "CREATE TABLE IF NOT EXISTS effects (message_id TEXT NOT NULL, value TEXT NOT NULL)";

    public int Calls;

    public async Task HandleAsync(ConsumedMessage message, IStoreTransaction transaction, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        if (message.Text.StartsWith("poison", StringComparison.Ordinal)) throw new FormatException($"'{message.Text}' is not a rate");
        await transaction.Connection.ExecuteAsync(Table, transaction: transaction.Transaction);
        await transaction.Connection.ExecuteAsync("INSERT INTO effects (message_id, value) VALUES (@id, @value)",
            new { id = message.Id, value = message.Text }, transaction.Transaction);
    }

    public static async Task<(int Rows, int Distinct)> CountAsync(IKairosStore store)
    {
        var counts = (0, 0);
        await store.Inbox.ProcessOnceAsync(new InboxMessage("count", Guid.NewGuid().ToString(), "", 0, 0, DateTimeOffset.UnixEpoch), async (tx, _) =>
        {
            await tx.Connection.ExecuteAsync(Table, transaction: tx.Transaction);
            counts = (await tx.Connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM effects", transaction: tx.Transaction),
                await tx.Connection.ExecuteScalarAsync<int>("SELECT COUNT(DISTINCT message_id) FROM effects", transaction: tx.Transaction));
        });
        return counts;
    }
}
