using Kairos.Core.Alerts;

namespace Kairos.Core.Ports;

public enum AlertDelivery { Sending, Sent, Failed }

/// <summary>One alert about one run to one webhook. (run, kind, webhook) is unique in the store: that is the dedupe.</summary>
public sealed record AlertRecord(
    long Id,
    long RunId,
    string JobId,
    AlertKind Kind,
    string Webhook,
    string Message,
    DateTimeOffset CreatedAt,
    AlertDelivery Delivery = AlertDelivery.Sending,
    string? Error = null,
    DateTimeOffset? DeliveredAt = null);

public interface IAlertStore
{
    /// <summary>
    /// Records the alert unless one exists for the same run, kind and webhook. Returns its id when this call recorded it
    /// (the caller sends it), null when it was already recorded (by this node or another).
    /// </summary>
    Task<long?> TryRecordAsync(AlertRecord alert, CancellationToken cancellationToken = default);

    Task SetDeliveryAsync(long id, AlertDelivery delivery, string? error, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Newest first, optionally for one run.</summary>
    Task<IReadOnlyList<AlertRecord>> ListAsync(long? runId, int limit, CancellationToken cancellationToken = default);
}
