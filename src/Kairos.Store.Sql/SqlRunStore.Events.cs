using System.Text.Json;
using Dapper;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Triggers;

namespace Kairos.Store.Sql;

internal sealed partial class SqlRunStore
{
    public async Task<(long RunId, bool Created)> AddEventRunAsync(NewRun run, TriggerMessage message, IStoreTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(transaction);
        var (connection, tx) = (transaction.Connection, transaction.Transaction);
        // Looked up first, inside the caller's write transaction: on PostgreSQL a second node with the same message then
        // waits on the unique key below and rolls back, and its inbox retry finds the run here.
        var existing = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT run_id FROM run_messages WHERE job_id = @job AND message_id = @id", new { job = run.JobId, id = message.Id }, tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (existing is { } found) return (found, false);
        var runId = await InsertRunAsync(connection, tx, run, now).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO run_messages (run_id, job_id, message_id, topic, partition_no, message_offset, message_key, message_value, headers, message_time)
            VALUES (@runId, @job, @id, @topic, @partition, @offset, @key, @value, @headers, @time)
            """,
            new
            {
                runId, job = run.JobId, id = message.Id, topic = message.Topic, partition = message.Partition, offset = message.Offset,
                key = message.Key, value = message.Value, headers = JsonSerializer.Serialize(message.Headers.Select(h => new[] { h.Key, h.Value })),
                time = UnixTime.ToMs(message.Timestamp),
            }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (runId, true);
    }

    public async Task<TriggerMessage?> TriggerMessageAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<MessageRow>(new CommandDefinition(
            "SELECT message_id, topic, partition_no, message_offset, message_key, message_value, headers, message_time FROM run_messages WHERE run_id = @runId",
            new { runId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null) return null;
        var headers = JsonSerializer.Deserialize<string[][]>(row.headers) ?? [];
        return new TriggerMessage(row.message_id, row.topic, (int)row.partition_no, row.message_offset, row.message_key, row.message_value,
            [.. headers.Select(h => new KeyValuePair<string, string>(h[0], h[1]))], UnixTime.FromMs(row.message_time));
    }

#pragma warning disable IDE1006, CA1812 // column names; created by Dapper
    private sealed class MessageRow
    {
        public string message_id { get; set; } = "";
        public string topic { get; set; } = "";
        public long partition_no { get; set; }
        public long message_offset { get; set; }
        public string? message_key { get; set; }
        public string message_value { get; set; } = "";
        public string headers { get; set; } = "[]";
        public long message_time { get; set; }
    }
#pragma warning restore IDE1006, CA1812
}
