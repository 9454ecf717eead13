using System.Data.Common;
using System.Net.Sockets;
using Confluent.Kafka;

namespace Kairos.Kafka.Consuming;

/// <summary>
/// Sorts a handler's exception into <see cref="FailureKind"/>. An outage pauses the consumer, however long it lasts,
/// because dead-lettering then would lose messages that are fine; anything not recognised as an outage counts as the
/// message's own fault, so a bug or a bad payload still reaches the dead-letter topic instead of blocking its partition.
/// Pure: it only looks at the exception and its inner exceptions.
/// </summary>
public static class FailureClassifier
{
    // SQLite's primary result codes for a database that is busy, locked, unwritable or unreachable (sqlite3.h).
    private static readonly HashSet<int> SqliteOutageCodes = [5, 6, 7, 8, 10, 13, 14, 15];

    // SQLSTATE classes of connection loss (08), a transaction the server rolled back (40), lack of resources (53),
    // operator intervention such as a shutdown (57) and system errors (58); anything else is about the statement.
    private static readonly string[] OutageSqlStateClasses = ["08", "40", "53", "57", "58"];

    private static readonly HashSet<ErrorCode> KafkaOutageCodes =
    [
        ErrorCode.Local_MsgTimedOut, ErrorCode.Local_Transport, ErrorCode.Local_AllBrokersDown, ErrorCode.Local_TimedOut,
        ErrorCode.Local_QueueFull, ErrorCode.RequestTimedOut, ErrorCode.NetworkException, ErrorCode.LeaderNotAvailable,
        ErrorCode.NotLeaderForPartition, ErrorCode.BrokerNotAvailable, ErrorCode.NotEnoughReplicas,
        ErrorCode.NotEnoughReplicasAfterAppend, ErrorCode.Local_WaitCoord, ErrorCode.Local_Resolve,
    ];

    public static FailureKind Classify(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Chain(error).Any(IsOutage) ? FailureKind.Outage : FailureKind.Message;
    }

    private static bool IsOutage(Exception e) => e switch
    {
        DbException db => IsStoreOutage(db),
        IOException or TimeoutException or SocketException => true,
        KafkaException kafka => KafkaOutageCodes.Contains(kafka.Error.Code),
        _ => false,
    };

    private static bool IsStoreOutage(DbException db)
    {
        // PostgreSQL reports a SQLSTATE; SQLite none, and its result code is only on SqliteException, which this
        // project does not reference (it stays free of store drivers), so it is read by name.
        if (db.SqlState is { Length: 5 } state) return OutageSqlStateClasses.Contains(state[..2], StringComparer.Ordinal);
        return db.IsTransient || (SqliteCode(db) is { } code && SqliteOutageCodes.Contains(code));
    }

    private static int? SqliteCode(DbException db) =>
        db.GetType().GetProperty("SqliteErrorCode")?.GetValue(db) as int?;

    private static IEnumerable<Exception> Chain(Exception error)
    {
        var pending = new Stack<Exception>([error]);
        while (pending.TryPop(out var e))
        {
            yield return e;
            if (e is AggregateException aggregate) foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (e.InnerException is { } inner) pending.Push(inner);
        }
    }
}
