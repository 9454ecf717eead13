using Dapper;
using Kairos.Core.Alerts;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

internal sealed class SqlAlertStore(SqlDialect dialect) : IAlertStore
{
    public async Task<long?> TryRecordAsync(AlertRecord alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var id = await scope.Connection.ExecuteScalarAsync<long?>(
            """
            INSERT INTO alerts (run_id, job_id, kind, webhook, message, created_at, delivery)
            VALUES (@RunId, @JobId, @kind, @Webhook, @Message, @at, 'sending')
            ON CONFLICT (run_id, kind, webhook) DO NOTHING RETURNING id
            """,
            new { alert.RunId, alert.JobId, kind = alert.Kind.ToWire(), alert.Webhook, alert.Message, at = UnixTime.ToMs(alert.CreatedAt) },
            scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task SetDeliveryAsync(long id, AlertDelivery delivery, string? error, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync("UPDATE alerts SET delivery = @delivery, error = @error, delivered_at = @at WHERE id = @id",
            new { id, delivery = delivery.ToString().ToLowerInvariant(), error, at = UnixTime.ToMs(at) }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AlertRecord>> ListAsync(long? runId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(
            "SELECT id, run_id, job_id, kind, webhook, message, created_at, delivery, error, delivered_at FROM alerts " +
            "WHERE (CAST(@runId AS BIGINT) IS NULL OR run_id = @runId) ORDER BY id DESC LIMIT @limit",
            new { runId, limit = Math.Clamp(limit, 1, 1000) }).ConfigureAwait(false);
        return rows.Select(r => new AlertRecord(r.Id, r.Run_Id, r.Job_Id, AlertKinds.TryParse(r.Kind, out var k) ? k : AlertKind.Failed, r.Webhook, r.Message,
            UnixTime.FromMs(r.Created_At), Enum.Parse<AlertDelivery>(r.Delivery, ignoreCase: true), r.Error, UnixTime.FromMs(r.Delivered_At))).ToList();
    }

#pragma warning disable CA1707 // column names
    private sealed record Row(long Id, long Run_Id, string Job_Id, string Kind, string Webhook, string Message, long Created_At, string Delivery, string? Error, long? Delivered_At);
#pragma warning restore CA1707
}
